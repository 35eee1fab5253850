package dev.jic.cli;

import dev.jic.cli.client.CliEnv;
import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import dev.jic.replica.subnet.LocalSubnet;
import dev.jic.replica.subnet.SubnetConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jic start}: the embedded local network (one node: HTTPS interface on 127.0.0.1, ingress
 * pool, local batch driver, execution, certified state) and {@code jic stop}. Keys live under
 * {@code <data>/keys} and survive restarts ({@code --clean} wipes the directory first); the pid of
 * a running network is in {@code <data>/jic.pid}.
 */
final class StartCommand {
  private StartCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(new Start(), args, out, err);
  }

  static int stop(List<String> args, PrintStream out, PrintStream err) {
    return run(new Stop(), args, out, err);
  }

  private static int run(Callable<Integer> cmd, List<String> args, PrintStream out, PrintStream err) {
    if (cmd instanceof Base b) {
      b.env = CliEnv.system(out, err);
    }
    CommandLine cl = new CommandLine(cmd);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, c, p) -> {
      err.println("jic: " + ex.getMessage());
      return 1;
    });
    return cl.execute(args.toArray(String[]::new));
  }

  abstract static class Base implements Callable<Integer> {
    CliEnv env;

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR", description = "where keys and state live (default .jic)")
    String data = ".jic";

    Path dataDir() {
      return env.resolve(data).normalize();
    }

    Path pidFile() {
      return dataDir().resolve("jic.pid");
    }

    Optional<ProcessHandle> running() {
      try {
        if (!Files.exists(pidFile())) {
          return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** {@code jic start}. */
  @Command(name = "start", description = "run the local network on 127.0.0.1 (HTTPS interface of the IC)", mixinStandardHelpOptions = true)
  static final class Start extends Base {
    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default 4943)")
    int port = 4943;

    @Option(names = "--clean", description = "wipe the data directory first (new keys, empty state)")
    boolean clean;

    @Option(names = "--nodes", paramLabel = "N", description = "replicas in the subnet (default 1; N > 1 runs ICC between N replicas in this process, node 0 on --port)")
    int nodes = 1;

    @Option(names = "--background", description = "run in the background (log in <data>/jic.log); stop with ./jic stop")
    boolean background;

    @Override
    public Integer call() throws Exception {
      PrintStream out = env.out();
      PrintStream err = env.err();
      if (port < 0 || port > 65535) {
        err.println("jic start: --port must be between 0 and 65535, got " + port);
        return 2;
      }
      if (nodes < 1 || nodes > 64) {
        err.println("jic start: --nodes must be between 1 and 64, got " + nodes);
        return 2;
      }
      Optional<ProcessHandle> other = running();
      if (other.isPresent()) {
        err.println("jic start: a network is already running from " + dataDir() + " (pid " + other.get().pid() + ")");
        err.println("hint: ./jic stop" + (data.equals(".jic") ? "" : " --data " + data) + ", or use another --data directory");
        return 1;
      }
      if (clean) {
        wipe(dataDir());
      }
      Files.createDirectories(dataDir());
      if (background) {
        return startInBackground();
      }
      Network replica;
      try {
        replica = nodes > 1 ? Network.of(LocalSubnet.start(SubnetConfig.local(port, dataDir(), nodes), line -> err.println("jic: " + line)))
            : Network.of(LocalReplica.start(ReplicaConfig.local(port, dataDir()), line -> err.println("jic: " + line)));
      } catch (UncheckedIOException e) {
        err.println("jic start: " + e.getCause().getMessage());
        err.println("hint: is another replica (or dfx) using port " + port + "? Try --port");
        return 1;
      }
      Files.writeString(pidFile(), ProcessHandle.current().pid() + "\n");
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        out.println("jic: shutting down...");
        replica.close();
        try {
          Files.deleteIfExists(pidFile());
        } catch (IOException e) {
          // best effort
        }
        out.println("jic: stopped");
        stopped.countDown();
      });
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("jic: local network running");
      out.println("  url:       " + replica.url());
      replica.otherUrls().forEach(u -> out.println("  node url:  " + u));
      out.println("  root key:  " + replica.rootKeyHex());
      out.println("  subnet:    " + replica.subnetId());
      out.println("  data:      " + dataDir());
      out.println("  pid:       " + ProcessHandle.current().pid());
      out.println("jic: ready. Ctrl-C or ./jic stop to stop. Try: ./jic deploy <file.wasm>");
      String last = "";
      while (!stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
        String h = replica.health();
        if (!h.equals(last)) {
          out.println(h.contains("HALTED") ? "jic: " + h : "jic: healthy " + h);
          last = h;
        }
      }
      return 0;
    }

    private int startInBackground() throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.add("start");
      cmd.add("--port");
      cmd.add(Integer.toString(port));
      cmd.add("--data");
      cmd.add(dataDir().toString());
      cmd.add("--nodes");
      cmd.add(Integer.toString(nodes));
      Path log = dataDir().resolve("jic.log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      URI status = URI.create("http://127.0.0.1:" + port + "/api/v2/status");
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          env.err().println("jic start: the background network exited; its log (" + log + "):");
          env.err().print(Files.readString(log, StandardCharsets.UTF_8));
          return 1;
        }
        try {
          if (http.send(HttpRequest.newBuilder(status).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200
              && Files.exists(pidFile())) {
            env.out().print(Files.readString(log, StandardCharsets.UTF_8));
            env.out().println("jic: running in the background (pid " + p.pid() + ", log " + log + "); stop with ./jic stop"
                + (data.equals(".jic") ? "" : " --data " + data));
            return 0;
          }
        } catch (IOException e) {
          // not up yet
        }
        Thread.sleep(200);
      }
      env.err().println("jic start: the background network did not come up within 60 s; see " + log);
      return 1;
    }
  }

  /** What {@code jic start} runs: one node ({@link LocalReplica}) or an n-node subnet ({@link LocalSubnet}). */
  interface Network extends AutoCloseable {
    URI url();

    /** The URLs of the other replicas (none for one node). */
    List<URI> otherUrls();

    String rootKeyHex();

    String subnetId();

    String health();

    @Override
    void close();

    static Network of(LocalReplica r) {
      return new Network() {
        public URI url() {
          return r.url();
        }

        public List<URI> otherUrls() {
          return List.of();
        }

        public String rootKeyHex() {
          return r.rootKeyHex();
        }

        public String subnetId() {
          return r.subnetId();
        }

        public String health() {
          return r.health();
        }

        public void close() {
          r.close();
        }
      };
    }

    static Network of(LocalSubnet s) {
      return new Network() {
        public URI url() {
          return s.url();
        }

        public List<URI> otherUrls() {
          List<URI> out = new ArrayList<>();
          for (int i = 1; i < s.size(); i++) {
            out.add(s.url(i));
          }
          return out;
        }

        public String rootKeyHex() {
          return s.rootKeyHex();
        }

        public String subnetId() {
          return s.subnetId();
        }

        public String health() {
          return s.health();
        }

        public void close() {
          s.close();
        }
      };
    }
  }

  /** {@code jic stop}. */
  @Command(name = "stop", description = "stop the local network started from this data directory", mixinStandardHelpOptions = true)
  static final class Stop extends Base {
    @Override
    public Integer call() throws Exception {
      Optional<ProcessHandle> p = running();
      if (p.isEmpty()) {
        env.err().println("jic stop: no network is running from " + dataDir());
        Files.deleteIfExists(pidFile());
        return 1;
      }
      p.get().destroy();
      try {
        p.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        p.get().destroyForcibly();
        env.err().println("jic stop: pid " + p.get().pid() + " did not stop within 20 s; killed it");
      }
      Files.deleteIfExists(pidFile());
      env.out().println("jic: stopped the network (pid " + p.get().pid() + ")");
      return 0;
    }
  }

  private static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
