package dev.jic.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code jic start}: the embedded local network. */
final class StartCommand {
  private StartCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    int nodes = 1;
    int port = 4943;
    String dataDir = ".jic";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--nodes", "--port", "--data-dir" -> {
          if (i + 1 >= args.size()) {
            err.println("jic start: " + a + " needs a value. See ./jic start --help.");
            return 2;
          }
          String v = args.get(++i);
          try {
            switch (a) {
              case "--nodes" -> nodes = parsePositive(v, a, 1, 64);
              case "--port" -> port = parsePositive(v, a, 1, 65535);
              default -> dataDir = v;
            }
          } catch (IllegalArgumentException e) {
            err.println("jic start: " + e.getMessage());
            return 2;
          }
        }
        default -> {
          err.println("jic start: unknown option '" + a + "'. See ./jic start --help.");
          return 2;
        }
      }
    }
    out.printf("jic start: nodes=%d port=%d data-dir=%s%n", nodes, port, dataDir);
    out.println("jic start: the local network (HTTPS interface on 127.0.0.1:" + port
        + ") arrives with the HTTPS-interface issue; nothing is started yet.");
    return 1;
  }

  private static int parsePositive(String v, String opt, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException(opt + " must be between " + min + " and " + max + ", got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " must be a number, got '" + v + "'");
    }
  }
}
