package dev.jic.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code jic} command line. Subcommands are dispatched by name. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs one invocation and returns the process exit code (0 ok, 1 failure, 2 usage error). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      Help.printTop(out);
      return 0;
    }
    String cmd = args.getFirst();
    List<String> rest = args.subList(1, args.size());
    boolean wantsHelp = rest.contains("--help") || rest.contains("-h");
    switch (cmd) {
      case "help", "--help", "-h" -> {
        if (rest.isEmpty()) {
          Help.printTop(out);
        } else if (!Help.printCommand(rest.getFirst(), out)) {
          err.println("jic: unknown command '" + rest.getFirst() + "'. Run ./jic help.");
          return 2;
        }
        return 0;
      }
      case "start" -> {
        return StartCommand.run(rest, out, err);
      }
      case "sim" -> {
        if (wantsHelp) {
          Help.printCommand("sim", out);
          return 0;
        }
        return SimCommand.run(rest, out, err);
      }
      case "bench" -> {
        if (wantsHelp) {
          Help.printCommand("bench", out);
          return 0;
        }
        return BenchCommand.run(rest, out, err);
      }
      case "stop" -> {
        return StartCommand.stop(rest, out, err);
      }
      case "drun" -> {
        if (wantsHelp) {
          Help.printCommand("drun", out);
          return 0;
        }
        return DrunCommand.run(rest, System.in, out, err, java.nio.file.Path.of("").toAbsolutePath());
      }
      case "identity" -> {
        return dev.jic.cli.canister.Commands.identity(rest, dev.jic.cli.client.CliEnv.system(out, err));
      }
      case "canister" -> {
        return dev.jic.cli.canister.Commands.canister(rest, dev.jic.cli.client.CliEnv.system(out, err));
      }
      case "deploy" -> {
        return dev.jic.cli.canister.Commands.deploy(rest, dev.jic.cli.client.CliEnv.system(out, err));
      }
      case "version", "--version" -> {
        out.println("jic " + Version.current());
        return 0;
      }
      default -> {
        if (Help.isKnown(cmd) && wantsHelp) {
          Help.printCommand(cmd, out);
          return 0;
        }
        err.println("jic: unknown command '" + cmd + "'" + (args.size() > 1 ? " (arguments: " + Arrays.toString(rest.toArray()) + ")" : "")
            + ". Run ./jic help for the list of commands.");
        return 2;
      }
    }
  }
}
