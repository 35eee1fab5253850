package dev.jic.state.bench;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.IcpSection;
import dev.jic.replicated.IngressHistory;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemMetadata;
import dev.jic.replicated.SystemState;
import dev.jic.state.StateManager;
import dev.jic.state.StateManagerConfig;
import dev.jic.state.codec.SubnetCodec;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Cycles;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code jic bench state}: checkpoint write throughput against a raw sequential write of the same
 * bytes on the same disk, restart time of a node with a large sparse state, first-touch latency of
 * a page of a 1 GiB canister memory after the restart, and root-hash time per block with 100,000
 * canisters (through {@link StateManager#commit}), and the time to encode an ingress history of
 * 500,000 entries for a checkpoint. Uses the wall clock: a benchmark, never part of replicated
 * code. Final line: {@code state checkpoint_vs_raw=<r> restart_s=<n> first_touch_us=<n>
 * roothash_ms=<n> ingress_encode_ms=<n>}.
 */
public final class StateBench {
  private static final SubnetId SUBNET = new SubnetId(PrincipalId.of(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 1}));
  private static final PrincipalId USER = PrincipalId.of(new byte[] {4, 2});

  private StateBench() {}

  /** Command-line entry (same options as {@link #run}). */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Runs the benchmark. Options: {@code --dir D} (scratch directory on the disk to measure,
   * default a temporary directory), {@code --mb N} (dense checkpoint size, default 256), {@code
   * --canisters N} (default 100000), {@code --blocks N} (default 30), {@code --ingress N} (ingress
   * history entries, default 500000), {@code --only ingress} (only the ingress encoding figure).
   *
   * @return 0 ok, 1 failure, 2 bad usage
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Path dir = null;
    int mb = 256;
    int canisters = 100_000;
    int blocks = 30;
    int ingress = 500_000;
    boolean onlyIngress = false;
    try {
      for (int i = 0; i < args.size(); i += 2) {
        if (i + 1 >= args.size()) {
          err.println("jic bench state: missing value for " + args.get(i));
          return 2;
        }
        String v = args.get(i + 1);
        switch (args.get(i)) {
          case "--dir" -> dir = Path.of(v);
          case "--mb" -> mb = Integer.parseInt(v);
          case "--canisters" -> canisters = Integer.parseInt(v);
          case "--blocks" -> blocks = Integer.parseInt(v);
          case "--ingress" -> ingress = Integer.parseInt(v);
          case "--only" -> {
            if (!v.equals("ingress")) {
              err.println("jic bench state: --only takes ingress");
              return 2;
            }
            onlyIngress = true;
          }
          default -> {
            err.println("jic bench state: unknown option " + args.get(i));
            return 2;
          }
        }
      }
    } catch (NumberFormatException e) {
      err.println("jic bench state: bad number: " + e.getMessage());
      return 2;
    }
    try {
      if (onlyIngress) {
        out.printf(Locale.ROOT, "state ingress_encode_ms=%.1f%n", ingressEncode(ingress, out));
        return 0;
      }
      Path root = dir == null ? Files.createTempDirectory("jic-bench-state") : Files.createDirectories(dir);
      double ratio = checkpointVsRaw(root.resolve("write"), mb, out);
      double[] restart = restartAndFirstTouch(root.resolve("restart"), out);
      double rootMs = rootHash(root.resolve("roothash"), canisters, blocks, out);
      double ingressMs = ingressEncode(ingress, out);
      out.printf(Locale.ROOT,
          "state checkpoint_vs_raw=%.2f restart_s=%.3f first_touch_us=%.1f roothash_ms=%.2f ingress_encode_ms=%.1f%n",
          ratio, restart[0], restart[1], rootMs, ingressMs);
      deleteTree(root);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("jic bench state: " + e);
      return 1;
    }
  }

  private static ReplicatedState genesis() {
    return new ReplicatedState(new SystemMetadata(SUBNET, 1, Height.ZERO, 0, 0, 0xFFFFF, 0));
  }

  private static CanisterState canister(long index, PageMap heap, int heapWasmPages) {
    CanisterId id = CanisterId.fromU64(index);
    SystemState sys = new SystemState(id, CanisterSettings.defaults(List.of(USER)), Cycles.of(1_000_000_000_000L));
    byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0};
    TreeMap<String, IcpSection> meta = new TreeMap<>();
    meta.put("candid:service", new IcpSection("candid:service", true, "service : {}".getBytes()));
    ExecutionState e = new ExecutionState(wasm, Sha.sha256(wasm), false, List.of(), meta, heap, heapWasmPages,
        new StableMemory(PageMap.empty(), 0, 1 << 20), new long[0], new long[0]);
    return new CanisterState(sys, e);
  }

  private static StateManager manager(Path root, long interval) throws IOException {
    return StateManager.open(
        StateManagerConfig.of(root, new TreeMap<>()).withCheckpointInterval(interval).withKeepCheckpoints(1),
        StateBench::genesis);
  }

  /** Dense heaps totalling {@code mb} MiB checkpointed at height 1, then the same bytes raw. */
  private static double checkpointVsRaw(Path root, int mb, PrintStream out) throws IOException {
    Random r = new Random(1);
    double cpSeconds;
    long bytes = (long) mb << 20;
    try (StateManager m = manager(root, 1)) {
      ReplicatedState s = m.tip();
      int perCanister = 32 << 20;
      int n = Math.max(1, (int) (bytes / perCanister));
      byte[] page = new byte[4096];
      for (int c = 0; c < n; c++) {
        PageMap heap = PageMap.empty();
        for (long p = 0; p < perCanister / 4096; p++) {
          r.nextBytes(page);
          heap.write(p * 4096, page, 0, page.length);
        }
        heap.commit();
        s.put(canister(c, heap, perCanister >> 16));
      }
      bytes = (long) n * perCanister;
      s.setMetadata(s.metadata().atBatch(Height.of(1), 1));
      long t0 = System.nanoTime();
      m.commit(Height.of(1), s);
      cpSeconds = (System.nanoTime() - t0) / 1e9;
    }
    Path raw = root.resolve("raw.bin");
    byte[] buf = new byte[1 << 20];
    r.nextBytes(buf);
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long w = 0; w < bytes; w += buf.length) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    double rawSeconds = (System.nanoTime() - t0) / 1e9;
    double cpMbs = bytes / 1048576.0 / cpSeconds;
    double rawMbs = bytes / 1048576.0 / rawSeconds;
    out.printf(Locale.ROOT, "checkpoint write: %d MiB in %.2f s = %.1f MiB/s (incl. manifest hashing, fsync)%n",
        bytes >> 20, cpSeconds, cpMbs);
    out.printf(Locale.ROOT, "raw sequential write + fsync: %.2f s = %.1f MiB/s%n", rawSeconds, rawMbs);
    return cpMbs / rawMbs;
  }

  /**
   * A node with a 1 GiB sparse heap (one page written per MiB) and 1,000 small canisters is
   * checkpointed; the restart (open: manifest and sizes, blobs verified, page files mapped) is
   * timed, then reading 64 distinct untouched pages of the big heap (median of first touches).
   */
  private static double[] restartAndFirstTouch(Path root, PrintStream out) throws IOException {
    byte[] page = new byte[4096];
    Random r = new Random(2);
    try (StateManager m = manager(root, 1)) {
      ReplicatedState s = m.tip();
      PageMap big = PageMap.empty();
      for (long p = 0; p < (1L << 18); p += 256) {
        r.nextBytes(page);
        big.write(p * 4096, page, 0, page.length);
      }
      big.commit();
      s.put(canister(0, big, 1 << 14));
      for (int c = 1; c <= 1000; c++) {
        PageMap heap = PageMap.empty();
        r.nextBytes(page);
        heap.write(0, page, 0, page.length);
        heap.commit();
        s.put(canister(c, heap, 1));
      }
      s.setMetadata(s.metadata().atBatch(Height.of(1), 1));
      long t0 = System.nanoTime();
      m.commit(Height.of(1), s);
      out.printf(Locale.ROOT, "sparse checkpoint (1 GiB heap, 4 MiB written, 1,000 canisters): %.2f s%n",
          (System.nanoTime() - t0) / 1e9);
    }
    long t0 = System.nanoTime();
    double restartS;
    double[] touches = new double[64];
    try (StateManager m = manager(root, 1)) {
      restartS = (System.nanoTime() - t0) / 1e9;
      PageMap heap = m.tip().canister(CanisterId.fromU64(0)).execution().heap();
      for (int i = 0; i < touches.length; i++) {
        long p = 256L * (1 + 4 * i) + 1 + i; // never written: a hole next to written pages
        long s0 = System.nanoTime();
        byte[] got = heap.pageForRead(p);
        touches[i] = (System.nanoTime() - s0) / 1e3;
        if (got.length != 4096) {
          throw new IllegalStateException("bad page");
        }
      }
    }
    Arrays.sort(touches);
    out.printf(Locale.ROOT, "restart: %.3f s; first touch of a page: median %.1f us, max %.1f us (64 pages)%n",
        restartS, touches[touches.length / 2], touches[touches.length - 1]);
    return new double[] {restartS, touches[touches.length / 2]};
  }

  /** {@code n} canisters; per block 1,000 change certified data and 500 request statuses are added. */
  private static double rootHash(Path root, int n, int blocks, PrintStream out) throws IOException {
    Random r = new Random(3);
    double[] ms = new double[blocks];
    try (StateManager m = manager(root, Long.MAX_VALUE)) {
      ReplicatedState s = m.tip();
      for (int c = 0; c < n; c++) {
        s.put(canister(c, PageMap.empty(), 0));
      }
      List<CanisterId> ids = new ArrayList<>(s.canisters().keySet());
      s.setMetadata(s.metadata().atBatch(Height.of(1), 1));
      long t0 = System.nanoTime();
      m.commit(Height.of(1), s);
      double first = (System.nanoTime() - t0) / 1e6;
      byte[] data = new byte[32];
      for (int b = 0; b < blocks; b++) {
        long h = b + 2;
        for (int k = 0; k < 1000; k++) {
          r.nextBytes(data);
          s.canister(ids.get(r.nextInt(n))).system().setCertifiedData(data);
        }
        for (int k = 0; k < 500; k++) {
          byte[] id = new byte[32];
          r.nextBytes(id);
          s.ingressHistory().set(RequestId.of(id), new IngressStatus.Replied(ids.get(k), USER, h, new byte[] {1}));
        }
        s.setMetadata(s.metadata().atBatch(Height.of(h), h));
        long b0 = System.nanoTime();
        m.commit(Height.of(h), s);
        ms[b] = (System.nanoTime() - b0) / 1e6;
      }
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      out.printf(Locale.ROOT,
          "root hash per block, %d canisters, 1,000 changed + 500 statuses per block: median %.2f ms, p90 %.2f ms"
              + " (first block %.0f ms)%n",
          n, sorted[blocks / 2], sorted[(int) (blocks * 0.9)], first);
      return sorted[blocks / 2];
    }
  }

  /**
   * An ingress history of {@code n} entries shaped like a loaded local node's (mostly replied with
   * short replies, some rejected, received, processing and done; 29-byte self-authenticating users),
   * encoded as for a checkpoint ({@link SubnetCodec#encodeIngress}): median of 7 runs after 3 warm-up
   * runs, in milliseconds.
   */
  private static double ingressEncode(int n, PrintStream out) {
    Random r = new Random(4);
    IngressHistory h = new IngressHistory();
    CanisterId[] receivers = {CanisterId.fromU64(0), CanisterId.fromU64(1), CanisterId.fromU64(2)};
    PrincipalId[] users = new PrincipalId[64];
    for (int i = 0; i < users.length; i++) {
      byte[] der = new byte[44];
      r.nextBytes(der);
      users[i] = PrincipalId.selfAuthenticating(der);
    }
    byte[] id = new byte[32];
    for (int i = 0; i < n; i++) {
      r.nextBytes(id);
      CanisterId c = receivers[r.nextInt(receivers.length)];
      PrincipalId u = users[r.nextInt(users.length)];
      long t = 1_700_000_000_000_000_000L + i * 150_000L;
      int k = r.nextInt(100);
      IngressStatus s;
      if (k < 80) {
        byte[] reply = new byte[8 + r.nextInt(8)];
        r.nextBytes(reply);
        s = new IngressStatus.Replied(c, u, t, reply);
      } else if (k < 85) {
        s = new IngressStatus.Rejected(c, u, t, RejectCode.CANISTER_REJECT, "canister rejected the message", "IC0406");
      } else if (k < 90) {
        s = new IngressStatus.Received(c, u, t);
      } else if (k < 95) {
        s = new IngressStatus.Processing(c, u, t);
      } else {
        s = new IngressStatus.Done(c, u, t);
      }
      h.set(RequestId.of(id), s);
    }
    long bytes = 0;
    for (int i = 0; i < 3; i++) {
      bytes = SubnetCodec.encodeIngress(h).length;
    }
    double[] ms = new double[7];
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      bytes = SubnetCodec.encodeIngress(h).length;
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    out.printf(Locale.ROOT, "ingress history encoding, %,d entries (%,d bytes): median %.1f ms, min %.1f ms, max %.1f ms%n",
        n, bytes, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    return ms[ms.length / 2];
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
