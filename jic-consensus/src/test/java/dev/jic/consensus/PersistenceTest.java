package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconContent;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.crypto.FakeKeyMaterial;
import dev.jic.consensus.pool.FilePoolStore;
import dev.jic.consensus.pool.PoolStore;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validated pool on disk ({@link FilePoolStore}) and a replica restarted from it, with real files. */
class PersistenceTest {
  static final ConsensusConfig CFG = ConsensusConfig.defaults().withDelays(100_000_000L, 50_000_000L).withCupInterval(5);

  static RandomBeacon beacon(long h) {
    return new RandomBeacon(new RandomBeaconContent(1, Height.of(h), CryptoHash.compute("p", new byte[] {(byte) h})),
        Signature.of(new byte[] {(byte) h, 1}));
  }

  @Test
  void storeSurvivesReopenAndCutsATornTail(@TempDir Path dir) throws IOException {
    List<ConsensusMessage> written = new ArrayList<>();
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      for (long h = 1; h <= 5; h++) {
        s.append(beacon(h));
        written.add(beacon(h));
      }
      s.sync();
    }
    Path log = dir.resolve("pool.log");
    long size = Files.size(log);
    Files.write(log, new byte[] {1, 0, 0, 0, 50, 9, 9}, StandardOpenOption.APPEND); // a record cut short by a crash
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      assertEquals(written, s.load());
      assertEquals(size, s.fileSize(), "the torn tail is cut off");
      s.append(beacon(6));
      s.sync();
    }
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      assertEquals(6, s.load().size());
    }
  }

  @Test
  void corruptRecordEndsTheLogAndForeignFilesAreRefused(@TempDir Path dir) throws IOException {
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      for (long h = 1; h <= 3; h++) {
        s.append(beacon(h));
      }
      s.sync();
    }
    Path log = dir.resolve("pool.log");
    byte[] bytes = Files.readAllBytes(log);
    int recordLen = 9 + ConsensusCodec.encode(beacon(1)).length;
    bytes[8 + recordLen + 12] ^= 0x40; // flip a payload bit of the second record: its checksum fails
    Files.write(log, bytes);
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      assertEquals(List.of(beacon(1)), s.load());
    }
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.write(other.resolve("pool.log"), new byte[] {'n', 'o', 'p', 'e', 0, 0, 0, 0, 0});
    assertThrows(UncheckedIOException.class, () -> FilePoolStore.open(other));
  }

  @Test
  void purgeIsDurableAndCompacts(@TempDir Path dir) {
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      for (long h = 1; h <= 20; h++) {
        s.append(beacon(h));
      }
      s.sync();
      long before = s.fileSize();
      s.purgeBelow(Height.of(15));
      assertTrue(s.fileSize() < before, "purging most records compacts the file");
    }
    try (FilePoolStore s = FilePoolStore.open(dir)) {
      assertEquals(6, s.load().size());
      assertTrue(s.load().stream().allMatch(m -> m.height().value() >= 15));
    }
  }

  /**
   * A replica that crashes and restarts from its pool log comes back with the same finalized
   * height and its own shares, never signs a conflicting share, and the subnet's batches are
   * delivered exactly once across the restart (message routing's expected height is the
   * replica's persistent state).
   */
  @Test
  void restartedReplicaNeitherForgetsNorContradicts(@TempDir Path dir) {
    List<NodeId> nodes = MembershipTest.nodes(4);
    FakeKeyMaterial keys = FakeKeyMaterial.deal(SubnetId.of(new byte[] {3}), nodes, 11);
    FilePoolStore[] store = {FilePoolStore.open(dir)};
    MiniSubnet net = new MiniSubnet(CFG, nodes, keys, i -> i == 0 ? store[0] : PoolStore.none());
    net.runUntilDelivered(9, 2_000);
    ConsensusReplica before = net.replicas.get(0);
    Height fin = before.pool().finalizedHeight();
    List<ConsensusMessage> signedBefore = new ArrayList<>(net.sent.get(0));
    // crash: the object is gone, the log stays; restart from it
    store[0].close();
    store[0] = FilePoolStore.open(dir);
    ConsensusReplica after = net.start(0, ConsensusReplica.genesisCatchUp(1, MiniSubnet.T0), store[0]);
    net.replicas.set(0, after);
    for (int j = 1; j < 4; j++) { // P2P re-advertises peers' pools on reconnection
      for (ConsensusMessage m : net.replicas.get(j).advertised()) {
        after.receive(m, nodes.get(j), net.now);
      }
    }
    assertTrue(after.pool().finalizedHeight().compareTo(fin) >= 0, "restarted replica forgot finalized heights");
    assertTrue(before.pool().catchUpPackage().height().value() >= 5, "no CUP made at height 5");
    assertEquals(before.pool().catchUpPackage(), after.pool().catchUpPackage(), "restarted replica forgot its CUP");
    net.runUntilDelivered(16, 4_000);
    // no contradiction: per (kind, height), our own shares never name two different contents
    Map<String, String> mine = new HashMap<>();
    List<ConsensusMessage> all = new ArrayList<>(signedBefore);
    all.addAll(net.sent.get(0));
    for (ConsensusMessage m : all) {
      String key = null;
      String content = null;
      if (m instanceof NotarizationShare s && s.signer().equals(nodes.get(0))) {
        continue; // a notary may sign several blocks of non-increasing rank at one height
      } else if (m instanceof FinalizationShare s && s.signer().equals(nodes.get(0))) {
        key = "fin" + s.height();
        content = s.content().blockHash().toHex();
      } else if (m instanceof RandomBeaconShare s && s.signer().equals(nodes.get(0))) {
        key = "beacon" + s.height();
        content = s.content().parent().toHex();
      }
      if (key != null) {
        String prev = mine.putIfAbsent(key, content);
        assertTrue(prev == null || prev.equals(content), "conflicting own shares at " + key);
      }
    }
    TestState st = net.states.get(0);
    for (int k = 0; k < st.batches.size(); k++) {
      assertEquals(k + 1, st.batches.get(k).height().value(), "batches delivered exactly once, in order");
    }
    assertTrue(st.fetched.isEmpty(), "a replica restarted from its own disk needs no state sync");
    for (int i = 1; i < 4; i++) {
      assertEquals(net.states.get(i).states.get(16L), st.states.get(16L), "replica states agree");
    }
    assertFalse(st.certificates.isEmpty());
    store[0].close();
  }
}
