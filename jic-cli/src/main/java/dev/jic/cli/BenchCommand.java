package dev.jic.cli;

import dev.jic.wasm.bench.BenchKernel;
import dev.jic.wasm.bench.WasmBench;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jic bench <what>}: benchmarks. {@code wasm} compares jic's metered Wasm engine with
 * Node's V8 on the same modules ({@link WasmBench}). Exit code 0 ok, 1 failure, 2 bad usage.
 */
final class BenchCommand {
  private BenchCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (!args.isEmpty() && args.getFirst().equals("exec")) {
      return dev.jic.execution.bench.ExecBench.run(args.subList(1, args.size()), out, err);
    }
    if (!args.isEmpty() && args.getFirst().equals("load")) {
      return LoadBench.run(args.subList(1, args.size()), out, err);
    }
    if (!args.isEmpty() && args.getFirst().equals("state")) {
      return dev.jic.state.bench.StateBench.run(args.subList(1, args.size()), out, err);
    }
    if (args.isEmpty() || !args.getFirst().equals("wasm")) {
      err.println("jic bench: expected a benchmark name (wasm, exec, state, load). See ./jic bench --help.");
      return 2;
    }
    int warmup = 5;
    int iterations = 10;
    String node = "node";
    String only = null;
    List<String> rest = args.subList(1, args.size());
    try {
      for (int i = 0; i < rest.size(); i++) {
        String a = rest.get(i);
        if (i + 1 >= rest.size()) {
          err.println("jic bench wasm: unknown option or missing value '" + a + "'. See ./jic bench --help.");
          return 2;
        }
        String v = rest.get(++i);
        switch (a) {
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--iterations" -> iterations = Integer.parseInt(v);
          case "--node" -> node = v;
          case "--kernel" -> only = v;
          default -> {
            err.println("jic bench wasm: unknown option '" + a + "'. See ./jic bench --help.");
            return 2;
          }
        }
      }
    } catch (NumberFormatException e) {
      err.println("jic bench wasm: not a number: " + e.getMessage());
      return 2;
    }
    if (warmup < 0 || iterations < 1) {
      err.println("jic bench wasm: --warmup must be >= 0 and --iterations >= 1");
      return 2;
    }
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("benchmarks/wasm"))) {
      err.println("jic bench wasm: run from the repository root (benchmarks/wasm/ not found in " + root + ")");
      return 1;
    }
    String filter = only;
    List<BenchKernel> kernels = BenchKernel.standard(root).stream()
        .filter(k -> filter == null || k.name().equals(filter))
        .toList();
    if (kernels.isEmpty()) {
      err.println("jic bench wasm: no kernel named '" + only + "'");
      return 2;
    }
    try {
      new WasmBench(root, warmup, iterations, node).run(kernels, out);
      return 0;
    } catch (IOException | IllegalStateException e) {
      err.println("jic bench wasm: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
