package dev.jic.state.tree;

import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Root-hash time per block with many canisters (a benchmark, not a test): builds the tree of
 * {@code args[0]} canisters (default 100,000), then times blocks in which {@code args[1]}
 * canisters (default 1,000) change and 500 request statuses are added, against the from-scratch
 * tree. Run: see docs/PERFORMANCE.md ## State.
 */
public final class StateTreeBench {
  private StateTreeBench() {}

  /** Entry point. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int changed = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int blocks = 30;
    Random r = new Random(42);
    TreeMap<CanisterId, StateTreeInput.CanisterEntry> canisters = new TreeMap<>();
    List<CanisterId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CanisterId id = StateTreeDifferentialTest.canister(0);
      byte[] b = new byte[10];
      b[5] = (byte) (i >> 16);
      b[6] = (byte) (i >> 8);
      b[7] = (byte) i;
      b[8] = 1;
      b[9] = 1;
      id = new CanisterId(PrincipalId.of(b));
      ids.add(id);
      canisters.put(id, entry(r, 0));
    }
    TreeMap<IngressId, RequestStatus> requests = new TreeMap<>();
    StateTreeHasher hasher = new StateTreeHasher();
    long t0 = System.nanoTime();
    hasher.build(new StateTreeInput(new Time(0), new TreeMap<>(requests), new TreeMap<>(canisters), new TreeMap<>()));
    double first = (System.nanoTime() - t0) / 1e6;
    double[] perBlock = new double[blocks];
    double[] inputCopy = new double[blocks];
    long version = 1;
    int rid = 0;
    CertifiedStateTree last = null;
    StateTreeInput lastInput = null;
    for (int blk = 0; blk < blocks; blk++) {
      for (int k = 0; k < changed; k++) {
        CanisterId id = ids.get(r.nextInt(n));
        canisters.put(id, entry(r, version++));
      }
      for (int k = 0; k < 500; k++) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        requests.put(IngressId.of(b), new RequestStatus.Replied(new byte[] {(byte) rid++}));
      }
      long c0 = System.nanoTime();
      StateTreeInput in = new StateTreeInput(new Time(blk), new TreeMap<>(requests), new TreeMap<>(canisters), new TreeMap<>());
      long c1 = System.nanoTime();
      last = hasher.build(in);
      long c2 = System.nanoTime();
      inputCopy[blk] = (c1 - c0) / 1e6;
      perBlock[blk] = (c2 - c1) / 1e6;
      lastInput = in;
    }
    long w0 = System.nanoTime();
    var w = last.witness(List.of(LabeledTree.path("canister", ids.get(7).principal().toBytes(), "module_hash")));
    double witnessMs = (System.nanoTime() - w0) / 1e6;
    long n0 = System.nanoTime();
    byte[] naive = StateTreeHasher.naive(lastInput).digest();
    double naiveMs = (System.nanoTime() - n0) / 1e6;
    if (!Arrays.equals(naive, last.rootHash()) || !Arrays.equals(w.digest(), last.rootHash())) {
      throw new IllegalStateException("incremental root differs from naive root");
    }
    Arrays.sort(perBlock);
    Arrays.sort(inputCopy);
    System.out.printf(
        "state tree: %d canisters, %d changed + 500 new statuses per block: first build %.1f ms,"
            + " per block median %.2f ms (p90 %.2f ms; input map copy %.2f ms), from scratch %.1f ms,"
            + " one witness %.2f ms%n",
        n, changed, first, perBlock[blocks / 2], perBlock[blocks * 9 / 10], inputCopy[blocks / 2], naiveMs, witnessMs);
    System.out.printf("state roothash_ms=%.2f%n", perBlock[blocks / 2]);
  }

  static StateTreeInput.CanisterEntry entry(Random r, long version) {
    byte[] data = new byte[32];
    r.nextBytes(data);
    TreeMap<String, byte[]> meta = new TreeMap<>();
    meta.put("candid:service", new byte[64]);
    return new StateTreeInput.CanisterEntry(
        version, data, Optional.of(new byte[32]), List.of(PrincipalId.of(new byte[] {(byte) r.nextInt(5), 2})), meta);
  }
}
