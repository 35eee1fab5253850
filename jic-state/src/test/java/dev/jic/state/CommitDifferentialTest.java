package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.crash.FaultyFs;
import dev.jic.state.tree.StateTreeHasher;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Height;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The root hash returned by {@link StateManager#commit} (incremental adapter + updater) equals the
 * from-scratch {@link StateTreeHasher#naive} tree of the same state, over random block sequences:
 * canisters created (at the end and in the middle of the id range), deleted, certified data,
 * settings and execution replaced or set to equal values; statuses added, replaced (same or new
 * objects), removed. The certified read_state snapshots equal the state at their height.
 */
class CommitDifferentialTest {
  static final PrincipalId USER = PrincipalId.of(new byte[] {7, 7});

  @Property(tries = 25)
  void commitRootEqualsFromScratch(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Path dir = Files.createTempDirectory("jic-commit-diff");
    TreeInputAdapter reference = new TreeInputAdapter(new TreeMap<>());
    try (StateManager m =
        StateManager.open(StateManagerConfig.of(dir, new TreeMap<>()).withCheckpointInterval(1_000_000),
            FaultyFs.noSync(), FakeExecutor::genesis)) {
      ReplicatedState s = m.tip();
      List<RequestId> rids = new ArrayList<>();
      for (long h = 1; h <= 15; h++) {
        mutate(s, r, rids, h);
        s.setMetadata(s.metadata().atBatch(Height.of(h), h * 1000));
        StateHash got = m.commit(Height.of(h), s);
        byte[] want = StateTreeHasher.naive(reference.input(s)).digest();
        assertArrayEquals(want, got.toBytes(), "height " + h);
        if (r.nextInt(3) == 0) {
          m.deliverCertification(new StateCertificate(Height.of(h), got, new byte[48]));
          CertifiedState c = m.latestCertified().orElseThrow();
          assertEquals(s.ingressHistory().entries(), c.ingress().toMap());
          assertEquals(s.ingressHistory().size(), c.ingress().size());
          assertEquals(s.canisters().keySet(), c.canisters().keySet());
          for (RequestId id : rids) {
            assertEquals(s.ingressHistory().get(id), c.status(id).orElse(null));
          }
          for (CanisterState x : s.canisters().values()) {
            assertEquals(x.system().settings().controllers(), c.canisters().get(x.id()).controllers());
          }
        }
      }
    }
  }

  private static void mutate(ReplicatedState s, Random r, List<RequestId> rids, long h) {
    for (int k = r.nextInt(6); k > 0; k--) {
      CanisterId id = CanisterId.fromU64(r.nextInt(40));
      if (s.canister(id) == null) {
        s.put(FakeExecutor.create(id, new byte[] {(byte) r.nextInt(3), (byte) r.nextInt(3)}));
      }
    }
    List<CanisterId> ids = new ArrayList<>(s.canisters().keySet());
    for (int k = r.nextInt(8); k > 0 && !ids.isEmpty(); k--) {
      CanisterState c = s.canister(ids.get(r.nextInt(ids.size())));
      if (c == null) {
        continue;
      }
      switch (r.nextInt(6)) {
        case 0 -> s.remove(c.id());
        case 1 -> c.system().setCertifiedData(new byte[] {(byte) r.nextInt(4)});
        case 2 -> c.system().setCertifiedData(c.system().certifiedData());
        case 3 -> c.system().setSettings(CanisterSettings.defaults(List.of(USER, PrincipalId.of(new byte[] {(byte) r.nextInt(3)}))));
        case 4 -> c.setExecution(FakeExecutor.create(c.id(), new byte[] {(byte) r.nextInt(3), 1}).execution());
        default -> c.setExecution(null);
      }
    }
    for (int k = r.nextInt(10); k > 0; k--) {
      if (rids.isEmpty() || r.nextInt(3) == 0) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        rids.add(RequestId.of(b));
      }
      RequestId id = rids.get(r.nextInt(rids.size()));
      CanisterId to = CanisterId.fromU64(r.nextInt(5));
      switch (r.nextInt(5)) {
        case 0 -> s.ingressHistory().remove(id);
        case 1 -> s.ingressHistory().set(id, new IngressStatus.Received(to, USER, h));
        case 2 -> s.ingressHistory().set(id, new IngressStatus.Replied(to, USER, h, new byte[] {(byte) r.nextInt(3)}));
        case 3 -> {
          IngressStatus x = s.ingressHistory().get(id);
          if (x != null) {
            s.ingressHistory().set(id, x);
          }
        }
        default -> s.ingressHistory().set(id, new IngressStatus.Done(to, USER, h));
      }
    }
  }
}
