package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.cert.Certificate;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification.DeliveryOutcome;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.replicated.StateDigest;
import dev.jic.state.crash.FaultyFs;
import dev.jic.types.unit.Height;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateManagerTest {
  @TempDir Path dir;

  static StateManagerConfig config(Path root, long interval) {
    return StateManagerConfig.of(root, new TreeMap<>()).withCheckpointInterval(interval);
  }

  /** Persists, executes and commits batches {@code from..to} of {@code seed}. */
  static void run(StateManager m, long seed, long from, long to) throws Exception {
    for (long h = from; h <= to; h++) {
      Batch b = FakeExecutor.batch(seed, h);
      m.persistBatch(b);
      FakeExecutor.execute(m.tip(), b);
      m.commit(b.height(), m.tip());
    }
  }

  static void replay(StateManager m) {
    for (Batch b : m.batchesToReplay()) {
      FakeExecutor.execute(m.tip(), b);
      m.commit(b.height(), m.tip());
    }
  }

  @Test
  void commitCertifyAndRead() throws Exception {
    try (StateManager m = StateManager.open(config(dir, 500), FaultyFs.noSync(), FakeExecutor::genesis)) {
      assertTrue(m.batchesToReplay().isEmpty());
      run(m, 1, 1, 3);
      var todo = m.statesToCertify();
      assertEquals(List.of(1L, 2L, 3L), todo.stream().map(s -> s.height().value()).toList());
      StateHash h2 = todo.get(1).hash();
      assertEquals(DeliveryOutcome.DIVERGED,
          m.deliverCertification(new StateCertificate(Height.of(2), todo.get(0).hash(), new byte[48])));
      assertEquals(DeliveryOutcome.NO_STATE,
          m.deliverCertification(new StateCertificate(Height.of(9), h2, new byte[48])));
      assertTrue(m.latestCertified().isEmpty());
      List<CertifiedState> seen = new java.util.ArrayList<>();
      m.onCertified(seen::add);
      assertEquals(DeliveryOutcome.CERTIFIED,
          m.deliverCertification(new StateCertificate(Height.of(2), h2, new byte[48])));
      assertEquals(Height.of(2), m.latestCertifiedHeight());
      assertEquals(1, seen.size());
      assertEquals(List.of(3L), m.statesToCertify().stream().map(s -> s.height().value()).toList());
      assertEquals(h2, m.stateHashAt(Height.of(2)).orElseThrow());
      assertEquals(StateHash.GENESIS, m.stateHashAt(Height.ZERO).orElseThrow());
      CertifiedState c = m.readCertified(Height.of(2)).orElseThrow();
      assertArrayEquals(h2.toBytes(), c.tree().rootHash());
      // A request replied at height 2 is in the certificate, its reply revealed.
      Batch b2 = FakeExecutor.batch(1, 2);
      byte[] rid = b2.ingress().get(0).id().toBytes();
      byte[] cbor = c.certificateCbor(List.of(List.of("request_status".getBytes(StandardCharsets.US_ASCII), rid)));
      Certificate cert = Certificate.fromCbor(cbor);
      assertArrayEquals(h2.toBytes(), cert.tree().digest());
      assertTrue(c.status(dev.jic.types.hash.RequestId.of(rid)).isPresent());
      var status = HashTreeLookup.lookupPath(cert.tree(), List.of("request_status".getBytes(), rid, "status".getBytes()));
      assertTrue(status instanceof dev.jic.crypto.tree.LookupResult.Found, status.toString());
      // Private metadata only for controllers.
      var view = c.canisters().firstEntry().getValue();
      assertTrue(view.mayReadMetadata("candid:service", dev.jic.types.id.PrincipalId.ANONYMOUS));
      assertFalse(view.mayReadMetadata("secret", dev.jic.types.id.PrincipalId.ANONYMOUS));
      assertTrue(view.mayReadMetadata("secret", FakeExecutor.USER));
      assertThrows(IllegalArgumentException.class, () -> m.commit(Height.of(7), m.tip()));
    }
  }

  @Test
  void restartReplaysToTheSameHashes() throws Exception {
    List<StateHash> reference = new java.util.ArrayList<>();
    byte[] digest;
    try (StateManager ref = StateManager.open(config(dir.resolve("ref"), 5), FaultyFs.noSync(), FakeExecutor::genesis)) {
      for (long h = 1; h <= 17; h++) {
        run(ref, 7, h, h);
        reference.add(ref.stateHashAt(Height.of(h)).orElseThrow());
      }
      digest = StateDigest.of(ref.tip());
    }
    Path node = dir.resolve("node");
    try (StateManager m = StateManager.open(config(node, 5), FaultyFs.noSync(), FakeExecutor::genesis)) {
      run(m, 7, 1, 12);
    }
    try (StateManager m = StateManager.open(config(node, 5), FaultyFs.noSync(), FakeExecutor::genesis)) {
      assertEquals(Height.of(10), m.tipHeight());
      assertEquals(List.of(11L, 12L), m.batchesToReplay().stream().map(b -> b.height().value()).toList());
      assertEquals(reference.get(9), m.stateHashAt(Height.of(10)).orElseThrow());
      replay(m);
      assertEquals(reference.get(11), m.stateHashAt(Height.of(12)).orElseThrow());
      run(m, 7, 13, 17);
      for (long h = 13; h <= 17; h++) {
        assertEquals(reference.get((int) h - 1), m.stateHashAt(Height.of(h)).orElseThrow(), "height " + h);
      }
      assertEquals(HexFormat.of().formatHex(digest), HexFormat.of().formatHex(StateDigest.of(m.tip())));
    }
  }

  @Test
  void twoReplicasAgreeOnRootsAndManifests() throws Exception {
    try (StateManager a = StateManager.open(config(dir.resolve("a"), 4), FaultyFs.noSync(), FakeExecutor::genesis);
        StateManager b = StateManager.open(config(dir.resolve("b"), 4), FaultyFs.noSync(), FakeExecutor::genesis)) {
      int checkpoints = 0;
      for (long h = 1; h <= 14; h++) {
        run(a, 3, h, h);
        run(b, 3, h, h);
        assertEquals(a.stateHashAt(Height.of(h)), b.stateHashAt(Height.of(h)));
        if (h % 4 == 0) {
          var ca = a.lastCheckpoint().orElseThrow();
          var cb = b.lastCheckpoint().orElseThrow();
          assertEquals(ca.manifest(), cb.manifest());
          assertEquals(ca.rootHash(), cb.rootHash());
          checkpoints++;
        }
      }
      assertEquals(3, checkpoints);
      // Overlays were used: the heap of a canister has more than one layer file by now.
      assertTrue(a.lastCheckpoint().orElseThrow().manifest().files().stream()
          .anyMatch(f -> f.path().endsWith("vmemory_0.overlay.0002")));
    }
  }

  @Test
  void corruptCheckpointIsReportedAndReplacedByReplay() throws Exception {
    Path node = dir.resolve("node");
    StateHash at9;
    String manifest8;
    try (StateManager m = StateManager.open(config(node, 4), FaultyFs.noSync(), FakeExecutor::genesis)) {
      run(m, 5, 1, 9);
      at9 = m.stateHashAt(Height.of(9)).orElseThrow();
      manifest8 = m.lastCheckpoint().orElseThrow().rootHash().hex();
    }
    Path cp8 = node.resolve("state/checkpoints/0000000000000008");
    Path blob = java.nio.file.Files.list(cp8.resolve("canister_states")).sorted().findFirst().orElseThrow()
        .resolve("canister.bin");
    byte[] bytes = java.nio.file.Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    java.nio.file.Files.write(blob, bytes);
    try (StateManager m = StateManager.open(config(node, 4), FaultyFs.noSync(), FakeExecutor::genesis)) {
      assertEquals(1, m.corruptCheckpoints().size());
      assertTrue(m.corruptCheckpoints().get(0).getMessage().contains("canister.bin"),
          m.corruptCheckpoints().get(0).getMessage());
      assertEquals(Height.of(4), m.tipHeight());
      assertEquals(5, m.batchesToReplay().size());
      replay(m);
      assertEquals(at9, m.stateHashAt(Height.of(9)).orElseThrow());
      assertEquals(manifest8, m.lastCheckpoint().orElseThrow().rootHash().hex());
      assertTrue(java.nio.file.Files.isDirectory(node.resolve("state/corrupt/0000000000000008")));
    }
  }

  @Test
  void batchLogIsTruncatedAfterCheckpoints() throws Exception {
    Path node = dir.resolve("node");
    try (StateManager m = StateManager.open(config(node, 4).withKeepCheckpoints(1), FaultyFs.noSync(),
        FakeExecutor::genesis)) {
      run(m, 5, 1, 13);
      try (var s = java.nio.file.Files.list(node.resolve("batch_log"))) {
        // Only the segment after checkpoint 12 remains.
        assertEquals(List.of("000000000000000d.log"), s.map(p -> p.getFileName().toString()).sorted().toList());
      }
    }
  }
}
