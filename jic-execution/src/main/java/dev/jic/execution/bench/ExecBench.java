package dev.jic.execution.bench;

import dev.jic.execution.InstallMode;
import dev.jic.execution.UserError;
import dev.jic.execution.routing.IdleFootprint;
import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.execution.scheduler.SchedulerConfig;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code jic bench exec}: the raw execution rate of the execution layer alone (an
 * {@link InProcessSubnet}: induction, scheduler, System API, Wasm; no HTTP, no consensus, no
 * signatures). Measures update calls per second to the Motoko counter ({@code inc}) and to a
 * compute-heavy Motoko method ({@code countPrimes} of the kernel fixture, called as an update),
 * spread over several canisters so the scheduler's lanes run in parallel, then the retained heap
 * per idle canister over 10,000 tiny canisters ({@link IdleFootprint}). Wall-clock time is used
 * here only, never in protocol code. Final line:
 * {@code exec updates_per_s=<n> idle_canister_bytes=<n>}.
 */
public final class ExecBench {
  private ExecBench() {}

  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});
  /** Candid {@code ()}. */
  static final byte[] EMPTY = {'D', 'I', 'D', 'L', 0, 0};
  /** Candid {@code (20000 : nat)}: LEB128(20000) = a0 9c 01. */
  static final byte[] PRIMES_ARG = HexFormat.of().parseHex("4449444c00017da09c01");
  /**
   * jic-execution/src/test/resources/wat/tiny.wat compiled by wat2wasm (counter, ping, spin, get;
   * one 64 KiB memory page): the idle canister.
   */
  static final byte[] TINY = HexFormat.of().parseHex("0061736d01000000010f0360000060027f7f0060037f7f7f0002450303696330096d73675f7265706c79000003696330156d73675f7265706c795f646174615f617070656e64000103696330116d73675f6172675f646174615f636f707900020305040000000005030100010744031463616e69737465725f7570646174652070696e6700041463616e69737465725f757064617465207370696e00051263616e69737465725f71756572792067657400060a5a040a0041004104100110000b11004100410028020041016a36020010030b3601017f411041004104100241102802002100024003402000450d01200041016b21000c000b0b4100410028020041016a36020010030b040010030b");

  /** Runs the benchmark with {@code args}; returns the exit code (0 ok, 1 failure, 2 usage). */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    int messages = 20_000;
    int canisters = 8;
    int idle = 10_000;
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (i + 1 >= args.size()) {
          err.println("jic bench exec: unknown option or missing value '" + a + "'. See ./jic bench --help.");
          return 2;
        }
        int v = Integer.parseInt(args.get(++i));
        switch (a) {
          case "--messages" -> messages = v;
          case "--canisters" -> canisters = v;
          case "--idle" -> idle = v;
          default -> {
            err.println("jic bench exec: unknown option '" + a + "'. See ./jic bench --help.");
            return 2;
          }
        }
      }
    } catch (NumberFormatException e) {
      err.println("jic bench exec: not a number: " + e.getMessage());
      return 2;
    }
    if (messages < 1 || canisters < 1 || idle < 1) {
      err.println("jic bench exec: --messages, --canisters and --idle must be >= 1");
      return 2;
    }
    Path dir = Path.of(System.getProperty("jic.root", "")).resolve("jic-wasm/src/test/resources/canisters")
        .toAbsolutePath();
    byte[] counter;
    byte[] kernel;
    try {
      counter = Files.readAllBytes(dir.resolve("motoko-counter-wasm32.wasm"));
      kernel = Files.readAllBytes(dir.resolve("motoko-kernel-wasm32.wasm"));
    } catch (IOException e) {
      err.println("jic bench exec: run from the repository root (" + e.getMessage() + ")");
      return 1;
    }
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ChicoryEngine engine = new ChicoryEngine(EngineConfig.defaults());
    try {
      double counterRate = rate(out, engine, threads, "counter inc", counter, canisters, "inc", EMPTY, messages);
      rate(out, engine, threads, "kernel countPrimes(20000)", kernel, canisters, "countPrimes", PRIMES_ARG,
          Math.max(canisters, messages / 50));
      long idleBytes;
      try (InProcessSubnet s = InProcessSubnet.application(engine, SchedulerConfig.defaults(threads))) {
        IdleFootprint.Measurement m = IdleFootprint.measure(s, TINY, idle, USER);
        idleBytes = m.perCanisterBytes();
        out.printf("idle canisters=%d retained_heap_mib=%.1f per_canister_bytes=%d live_runtimes=%d%n", idle,
            m.retainedBytes() / 1048576.0, idleBytes, s.executor().cachedRuntimes());
      }
      out.printf("exec updates_per_s=%d idle_canister_bytes=%d%n", Math.round(counterRate), idleBytes);
      return 0;
    } catch (IllegalStateException e) {
      err.println("jic bench exec: " + e.getMessage());
      return 1;
    }
  }

  /** Installs {@code n} canisters, warms up, then times {@code messages} updates; prints and returns calls/s. */
  private static double rate(PrintStream out, ChicoryEngine engine, int threads, String label, byte[] wasm, int n,
      String method, byte[] arg, int messages) {
    try (InProcessSubnet s = InProcessSubnet.application(engine, SchedulerConfig.defaults(threads))) {
      List<CanisterId> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        CanisterId id = s.management().provisionalCreate(s.state(), List.of(USER), Cycles.of(
            1_000_000_000_000_000L), s.time());
        UserError e = s.manager().installCode(s.state().canister(id), new InstallMode.Install(), wasm, EMPTY, USER,
            s.time());
        if (e != null) {
          throw new IllegalStateException("install failed: " + e);
        }
        ids.add(id);
      }
      drive(s, ids, method, arg, Math.max(n, messages / 5)); // warm-up: JIT, runtime cache
      long t0 = System.nanoTime();
      long instructions = drive(s, ids, method, arg, messages);
      double secs = (System.nanoTime() - t0) / 1e9;
      double perSecond = messages / secs;
      out.printf("exec %s canisters=%d threads=%d messages=%d seconds=%.2f updates_per_s=%.0f "
          + "instructions_per_s=%.3g%n", label, n, threads, messages, secs, perSecond, instructions / secs);
      return perSecond;
    }
  }

  /**
   * Submits {@code messages} calls round-robin over {@code ids} in batches of at most 1,000 and
   * executes batches until all are answered; returns the instructions executed. Throws if one
   * is not replied.
   */
  private static long drive(InProcessSubnet s, List<CanisterId> ids, String method, byte[] arg, int messages) {
    long instructions = 0;
    List<RequestId> all = new ArrayList<>();
    int sent = 0;
    while (sent < messages) {
      int batch = Math.min(1000, messages - sent);
      for (int i = 0; i < batch; i++) {
        all.add(s.submit(USER, ids.get((sent + i) % ids.size()), method, arg));
      }
      sent += batch;
      instructions += s.executeBatch().instructions();
    }
    for (int guard = 0; guard < 10_000; guard++) {
      if (all.stream().allMatch(id -> s.state().ingressHistory().get(id) instanceof IngressStatus.Replied)) {
        return instructions;
      }
      instructions += s.executeBatch().instructions();
    }
    throw new IllegalStateException("messages not answered: e.g. " + all.stream().map(id -> s.state()
        .ingressHistory().get(id)).filter(st -> !(st instanceof IngressStatus.Replied)).findFirst().orElse(null));
  }
}
