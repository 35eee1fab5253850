package dev.jic.state.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The incremental hasher agrees with the from-scratch {@link StateTreeHasher#naive} tree over
 * random sequences of states (canisters created, changed, deleted; statuses changing), in root
 * hash, full tree and the exact witnesses for random path sets (the reference witness prunes the
 * from-scratch full tree, {@link ReferenceWitness}); and two hashers fed the same sequence agree
 * (determinism).
 */
class StateTreeDifferentialTest {

  static CanisterId canister(int i) {
    byte[] b = new byte[10];
    b[6] = (byte) (i >> 8);
    b[7] = (byte) i;
    b[8] = 1;
    b[9] = 1;
    return new CanisterId(PrincipalId.of(b));
  }

  static IngressId rid(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) (i * 37);
    b[1] = (byte) (i >> 8);
    b[31] = (byte) i;
    return IngressId.of(b);
  }

  static StateTreeInput.CanisterEntry entry(Random r, long version) {
    byte[] data = new byte[r.nextInt(33)];
    r.nextBytes(data);
    TreeMap<String, byte[]> meta = new TreeMap<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      meta.put("s" + r.nextInt(4), new byte[] {(byte) r.nextInt()});
    }
    Optional<byte[]> module = r.nextBoolean() ? Optional.of(new byte[32]) : Optional.empty();
    return new StateTreeInput.CanisterEntry(
        version, data, module, List.of(PrincipalId.of(new byte[] {(byte) r.nextInt(5)})), meta);
  }

  static RequestStatus status(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new RequestStatus.Received();
      case 1 -> new RequestStatus.Processing();
      case 2 -> new RequestStatus.Replied(new byte[] {(byte) r.nextInt(3)});
      case 3 -> new RequestStatus.Rejected(r.nextInt(6), "m", r.nextBoolean() ? Optional.of("IC0503") : Optional.empty());
      default -> new RequestStatus.Done();
    };
  }

  @Property(tries = 40)
  void incrementalEqualsNaive(@ForAll long seed) {
    Random r = new Random(seed);
    StateTreeHasher hasher = new StateTreeHasher();
    StateTreeHasher twin = new StateTreeHasher();
    TreeMap<CanisterId, StateTreeInput.CanisterEntry> canisters = new TreeMap<>();
    TreeMap<IngressId, RequestStatus> requests = new TreeMap<>();
    long version = 0;
    for (int step = 0; step < 12; step++) {
      int ops = r.nextInt(12);
      for (int k = 0; k < ops; k++) {
        int which = r.nextInt(40);
        switch (r.nextInt(4)) {
          case 0, 1 -> canisters.put(canister(which), entry(r, ++version));
          case 2 -> canisters.remove(canister(which));
          default -> {
            if (r.nextInt(4) == 0) {
              requests.remove(rid(which));
            } else {
              requests.put(rid(which), status(r));
            }
          }
        }
      }
      TreeMap<SubnetId, StateTreeInput.SubnetEntry> subnets = new TreeMap<>();
      TreeMap<NodeId, byte[]> nodes = new TreeMap<>();
      nodes.put(new NodeId(PrincipalId.of(new byte[] {1})), new byte[] {2});
      subnets.put(
          new SubnetId(PrincipalId.of(new byte[] {9, 2})),
          new StateTreeInput.SubnetEntry(
              new byte[] {1}, "application",
              new CanisterRanges(List.of(new CanisterRanges.Range(canister(0), canister(500)))), nodes));
      StateTreeInput in =
          new StateTreeInput(new Time(step * 1000L), new TreeMap<>(requests), new TreeMap<>(canisters), subnets);
      CertifiedStateTree t = hasher.build(in);
      HashTree naive = StateTreeHasher.naive(in);
      assertEquals(HexFormat.of().formatHex(naive.digest()), HexFormat.of().formatHex(t.rootHash()), "step " + step);
      if (step % 3 == 0) {
        assertArrayEquals(t.rootHash(), twin.build(in).rootHash());
      }
      List<List<byte[]>> paths = new ArrayList<>();
      for (int k = r.nextInt(4); k >= 0; k--) {
        switch (r.nextInt(5)) {
          case 0 -> paths.add(LabeledTree.path("canister", canister(r.nextInt(40)).principal().toBytes(), "module_hash"));
          case 1 -> paths.add(LabeledTree.path("canister", canister(r.nextInt(40)).principal().toBytes()));
          case 2 -> paths.add(LabeledTree.path("request_status", rid(r.nextInt(40)).toBytes()));
          case 3 -> paths.add(LabeledTree.path("time"));
          default -> paths.add(LabeledTree.path("subnet"));
        }
      }
      assertEquals(
          HexFormat.of().formatHex(HashTreeCbor.encode(ReferenceWitness.of(naive, paths))),
          HexFormat.of().formatHex(HashTreeCbor.encode(t.witness(paths))));
      assertArrayEquals(t.rootHash(), t.witness(paths).digest());
      if (step % 4 == 3) {
        assertEquals(
            HexFormat.of().formatHex(HashTreeCbor.encode(naive)),
            HexFormat.of().formatHex(HashTreeCbor.encode(t.fullTree())));
      }
    }
  }
}
