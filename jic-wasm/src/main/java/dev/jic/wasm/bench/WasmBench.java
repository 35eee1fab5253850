package dev.jic.wasm.bench;

import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.engine.CallOutcome;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.CompiledModule;
import dev.jic.wasm.engine.Compilation;
import dev.jic.wasm.engine.EngineConfig;
import dev.jic.wasm.engine.Instantiation;
import dev.jic.wasm.engine.MemoryFactory;
import dev.jic.wasm.engine.WasmEngine;
import dev.jic.wasm.engine.WasmInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./jic bench wasm}: runs each kernel through jic's metered engine (Chicory compiler,
 * instruction counting on) and through Node's V8 on the same .wasm, checks both compute the same
 * result, and prints {@code kernel=<name> jic_ms=<x> v8_ms=<y> ratio=<r>} per kernel and
 * {@code wasm-vs-v8 geomean=<ratio> max=<ratio>}. Times are medians of the timed iterations after
 * warm-up; only the kernel call is timed (compilation, instantiation and {@code canister_init}
 * are not). A benchmark, not a test: nothing asserts on time.
 */
public final class WasmBench {
  /** Instructions per call: far above any kernel's need, so metering runs but never stops it. */
  static final NumInstructions BUDGET = NumInstructions.of(1L << 50);

  private final Path root;
  private final int warmup;
  private final int iterations;
  private final String node;

  /** A bench over the repository at {@code root} (where {@code benchmarks/wasm/} lives). */
  public WasmBench(Path root, int warmup, int iterations, String node) {
    this.root = root;
    this.warmup = warmup;
    this.iterations = iterations;
    this.node = node;
  }

  /** The per-kernel measurement. */
  public record Result(String kernel, double jicMs, double v8Ms, long instructions) {
    public double ratio() {
      return jicMs / v8Ms;
    }
  }

  /**
   * Runs every kernel and prints the report to {@code out}. Returns the results.
   *
   * @throws IOException if a file is missing or Node fails
   * @throws IllegalStateException if jic and V8 disagree on a kernel's result (a correctness bug)
   */
  public List<Result> run(List<BenchKernel> kernels, PrintStream out) throws IOException, InterruptedException {
    if (!hugeMethodsCompiled()) {
      out.println("note: the JVM runs without -XX:-DontCompileHugeMethods, so Wasm functions whose bytecode exceeds"
          + " 8000 bytes (Motoko's large functions) are never JIT-compiled; see docs/PERFORMANCE.md");
    }
    WasmEngine engine = new ChicoryEngine(EngineConfig.defaults());
    List<Result> results = new ArrayList<>();
    for (BenchKernel k : kernels) {
      Measured jic = runJic(engine, k);
      Measured v8 = runV8(k);
      if (!jic.result.equals(v8.result)) {
        throw new IllegalStateException("kernel " + k.name() + ": jic computed " + jic.result + " but V8 " + v8.result);
      }
      Result r = new Result(k.name(), jic.medianMs, v8.medianMs, jic.instructions);
      results.add(r);
      out.printf("kernel=%s jic_ms=%.2f v8_ms=%.2f ratio=%.2f%n", r.kernel(), r.jicMs(), r.v8Ms(), r.ratio());
    }
    double logSum = 0;
    double max = 0;
    for (Result r : results) {
      logSum += Math.log(r.ratio());
      max = Math.max(max, r.ratio());
    }
    out.printf("wasm-vs-v8 geomean=%.2f max=%.2f%n", Math.exp(logSum / results.size()), max);
    return results;
  }

  /** Whether HotSpot compiles methods above its 8000-byte huge-method limit. */
  static boolean hugeMethodsCompiled() {
    try {
      var bean = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean != null && "false".equals(bean.getVMOption("DontCompileHugeMethods").getValue());
    } catch (RuntimeException | LinkageError e) {
      return true; // not HotSpot: nothing to say
    }
  }

  private record Measured(String result, double medianMs, long instructions) {}

  private Measured runJic(WasmEngine engine, BenchKernel k) throws IOException {
    byte[] bytes = Files.readAllBytes(k.file());
    CompiledModule m = switch (engine.compile(bytes)) {
      case Compilation.Compiled c -> c.module();
      case Compilation.Rejected r -> throw new IllegalStateException(k.file() + ": " + r.error());
    };
    BenchHost host = new BenchHost();
    double[] times = new double[iterations];
    String result = "";
    long instructions = 0;
    WasmInstance shared = k.isCanister() ? null : instantiate(engine, m, host);
    for (int i = 0; i < warmup + iterations; i++) {
      WasmInstance inst = shared;
      if (inst == null) {
        inst = instantiate(engine, m, host);
        host.begin(new byte[] {'D', 'I', 'D', 'L', 0, 0});
        completed(k, inst.call("canister_init", List.of(), BUDGET));
        host.begin(k.candid());
      }
      long t0 = System.nanoTime();
      CallOutcome o = inst.call(k.export(), k.args(), BUDGET);
      long t1 = System.nanoTime();
      CallOutcome.Completed c = completed(k, o);
      if (i >= warmup) {
        times[i - warmup] = (t1 - t0) / 1e6;
      }
      instructions = c.instructions().value();
      result = k.isCanister() ? HexFormat.of().formatHex(host.reply()) : Integer.toString(c.results().get(0).intValue());
    }
    return new Measured(result, median(times), instructions);
  }

  private static WasmInstance instantiate(WasmEngine engine, CompiledModule m, BenchHost host) {
    return switch (engine.instantiate(m, host, MemoryFactory.heap(), BUDGET)) {
      case Instantiation.Instantiated i -> {
        if (!(i.start() instanceof CallOutcome.Completed)) {
          throw new IllegalStateException("start function failed: " + i.start());
        }
        yield i.instance();
      }
      case Instantiation.Failed f -> throw new IllegalStateException("instantiation failed: " + f.error());
    };
  }

  private static CallOutcome.Completed completed(BenchKernel k, CallOutcome o) {
    if (o instanceof CallOutcome.Completed c) {
      return c;
    }
    throw new IllegalStateException("kernel " + k.name() + " did not complete: " + o);
  }

  private static final Pattern RESULT = Pattern.compile("\"result\":\"([0-9a-fA-F-]*)\"");
  private static final Pattern MEDIAN = Pattern.compile("\"median_ms\":([0-9.eE+-]+)");

  private Measured runV8(BenchKernel k) throws IOException, InterruptedException {
    StringBuilder spec = new StringBuilder("{\"file\":\"").append(k.file().toAbsolutePath()).append("\",\"export\":\"")
        .append(k.export()).append("\",\"warmup\":").append(warmup).append(",\"iterations\":").append(iterations);
    if (k.isCanister()) {
      spec.append(",\"candid\":\"").append(HexFormat.of().formatHex(k.candid())).append('"');
    } else {
      spec.append(",\"args\":").append(k.args());
    }
    spec.append('}');
    Process p = new ProcessBuilder(node, root.resolve("benchmarks/wasm/run-v8.mjs").toString(), spec.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("node run-v8.mjs failed for " + k.name());
    }
    Matcher r = RESULT.matcher(stdout);
    Matcher m = MEDIAN.matcher(stdout);
    if (!r.find() || !m.find()) {
      throw new IOException("unexpected output from run-v8.mjs: " + stdout);
    }
    return new Measured(r.group(1), Double.parseDouble(m.group(1)), 0);
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
