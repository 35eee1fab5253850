package dev.jic.cli;

import dev.jic.execution.drun.Drun;
import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jic drun <script>}: runs a drun script (dfinity/ic {@code rs/drun} format) on an
 * in-process application subnet ({@link InProcessSubnet}: execution, message routing and the
 * scheduler, no consensus, no HTTP) and prints drun's output lines. Wasm paths in the script are
 * relative to the working directory {@code cwd}; {@code -} reads the script from standard input.
 *
 * <p>Exit code 0 when the whole script ran (whatever the canisters answered: rejects are output,
 * not failures), 1 on a script error ({@code line N: ...} on stderr; the lines before it have run
 * and printed), 2 on bad usage.
 */
final class DrunCommand {
  private DrunCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, Path cwd) {
    if (args.size() != 1 || (args.getFirst().startsWith("-") && !args.getFirst().equals("-"))) {
      err.println("jic drun: expected one script file (or - for stdin). See ./jic drun --help.");
      return 2;
    }
    String script;
    try {
      script = args.getFirst().equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(cwd.resolve(args.getFirst()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("jic drun: cannot read " + args.getFirst() + ": " + e.getMessage());
      return 1;
    }
    int[] status = {0};
    // Canister code runs deep (Motoko's runtime); give the script its own large stack like the lanes.
    Thread t = new Thread(null, () -> status[0] = runScript(script, out, err, cwd), "jic-drun", 64L << 20);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return status[0];
  }

  private static int runScript(String script, PrintStream out, PrintStream err, Path cwd) {
    ChicoryEngine engine = new ChicoryEngine(EngineConfig.defaults());
    try (InProcessSubnet subnet = InProcessSubnet.application(engine, SchedulerConfig.defaults(
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))))) {
      new Drun(subnet, out, cwd).run(script);
      out.flush();
      return 0;
    } catch (Drun.ScriptException e) {
      out.flush();
      err.println("jic drun: " + e.getMessage());
      return 1;
    }
  }
}
