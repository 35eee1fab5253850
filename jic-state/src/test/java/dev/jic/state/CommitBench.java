package dev.jic.state;

import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.crash.FaultyFs;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Height;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

/**
 * Commit cost per block with a large ingress history (a benchmark, not a test; wall clock):
 * {@code args[0]} request statuses (default 500,000), then {@code args[2]} blocks (default 30) in
 * each of which {@code args[1]} ids (default 1,000) change: 40 % new ids (received), 40 % existing
 * ids replied, 20 % existing ids removed. Prints the median and p90 of {@link StateManager#commit}
 * and the time of one {@code request_status} witness of the latest certified state. Run:
 *
 * <pre>
 * mvn -B -q -o -pl jic-state -am test-compile
 * java -cp jic-state/target/test-classes:jic-state/target/classes:$(cat cp.txt) dev.jic.state.CommitBench
 * </pre>
 */
public final class CommitBench {
  private CommitBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    int changed = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Random r = new Random(5);
    Path dir = Files.createTempDirectory("jic-commit-bench");
    try (StateManager m =
        StateManager.open(StateManagerConfig.of(dir, new TreeMap<>()).withCheckpointInterval(Long.MAX_VALUE),
            FaultyFs.noSync(), FakeExecutor::genesis)) {
      ReplicatedState s = m.tip();
      List<RequestId> live = new ArrayList<>(n + blocks * changed);
      CanisterId to = CanisterId.fromU64(1);
      for (int i = 0; i < n; i++) {
        RequestId id = RequestId.of(bytes(r));
        live.add(id);
        s.ingressHistory().set(id, new IngressStatus.Replied(to, FakeExecutor.USER, 1, new byte[] {1}));
      }
      s.setMetadata(s.metadata().atBatch(Height.of(1), 1));
      long t0 = System.nanoTime();
      m.commit(Height.of(1), s);
      double first = (System.nanoTime() - t0) / 1e6;
      double[] ms = new double[blocks];
      StateHash last = null;
      for (int b = 0; b < blocks; b++) {
        long h = b + 2;
        for (int k = 0; k < changed; k++) {
          int kind = k % 5;
          if (kind < 2) {
            RequestId id = RequestId.of(bytes(r));
            live.add(id);
            s.ingressHistory().set(id, new IngressStatus.Received(to, FakeExecutor.USER, h));
          } else if (kind < 4) {
            RequestId id = live.get(r.nextInt(live.size()));
            s.ingressHistory().set(id, new IngressStatus.Replied(to, FakeExecutor.USER, h, new byte[] {2}));
          } else {
            int i = r.nextInt(live.size());
            RequestId id = live.get(i);
            live.set(i, live.get(live.size() - 1));
            live.remove(live.size() - 1);
            s.ingressHistory().remove(id);
          }
        }
        s.setMetadata(s.metadata().atBatch(Height.of(h), h));
        long b0 = System.nanoTime();
        last = m.commit(Height.of(h), s);
        ms[b] = (System.nanoTime() - b0) / 1e6;
      }
      m.deliverCertification(new StateCertificate(Height.of(blocks + 1), last, new byte[48]));
      CertifiedState c = m.latestCertified().orElseThrow();
      double[] wit = new double[200];
      for (int i = 0; i < wit.length; i++) {
        byte[] id = live.get(r.nextInt(live.size())).toBytes();
        long w0 = System.nanoTime();
        c.tree().witness(List.of(LabeledTree.path("request_status", id), LabeledTree.path("time")));
        wit[i] = (System.nanoTime() - w0) / 1e3;
      }
      Arrays.sort(ms);
      Arrays.sort(wit);
      System.out.printf(Locale.ROOT,
          "commit: %d statuses, %d changed ids per block: first block %.0f ms, per block median %.2f ms,"
              + " p90 %.2f ms; one request_status witness median %.1f us%n",
          n, changed, first, ms[blocks / 2], ms[blocks * 9 / 10], wit[wit.length / 2]);
    }
  }

  private static byte[] bytes(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return b;
  }
}
