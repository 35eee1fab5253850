package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.tree.StateTreeHasher;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.unit.Height;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeInputAdapter} reads the ingress history's change record instead of walking it, and
 * falls back to the whole walk exactly when the record cannot be trusted; the tree and the
 * read_state snapshot are right either way.
 */
class TreeInputAdapterTest {
  static final CanisterId TO = CanisterId.fromU64(3);

  static RequestId id(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return RequestId.of(b);
  }

  private static void check(TreeInputAdapter a, TreeInputAdapter.Adapted got, ReplicatedState s) {
    assertArrayEquals(StateTreeHasher.naive(a.input(s)).digest(), got.tree().rootHash());
    assertEquals(s.ingressHistory().entries(), got.ingress().toMap());
  }

  @Test
  void walksTheHistoryOnlyWhenTheChangeRecordCannotBeTrusted() {
    Random r = new Random(1);
    TreeInputAdapter a = new TreeInputAdapter(new TreeMap<>());
    ReplicatedState s = FakeExecutor.genesis();
    for (int i = 0; i < 50; i++) {
      s.ingressHistory().set(id(r), new IngressStatus.Received(TO, FakeExecutor.USER, 1));
    }
    check(a, a.adapt(s), s);
    assertEquals(1, a.fullWalks());
    for (long h = 2; h < 8; h++) {
      s.setMetadata(s.metadata().atBatch(Height.of(h), h));
      NavigableMap<RequestId, IngressStatus> now = s.ingressHistory().entries();
      RequestId first = now.firstKey();
      s.ingressHistory().set(first, new IngressStatus.Done(TO, FakeExecutor.USER, h));
      s.ingressHistory().remove(now.lastKey());
      s.ingressHistory().set(id(r), new IngressStatus.Processing(TO, FakeExecutor.USER, h));
      s.ingressHistory().set(now.higherKey(first), s.ingressHistory().get(now.higherKey(first)));
      check(a, a.adapt(s), s);
    }
    assertEquals(1, a.fullWalks());
    // Someone else drained the record: its changes are lost to the adapter, so it walks.
    s.ingressHistory().remove(s.ingressHistory().entries().firstKey());
    s.ingressHistory().drainChanged();
    check(a, a.adapt(s), s);
    assertEquals(2, a.fullWalks());
    // Another state object (a restart): walks, and forgets ids the new history lacks.
    ReplicatedState other = FakeExecutor.genesis();
    RequestId kept = s.ingressHistory().entries().firstKey();
    other.ingressHistory().set(kept, s.ingressHistory().get(kept));
    TreeInputAdapter.Adapted got = a.adapt(other);
    check(a, got, other);
    assertEquals(3, a.fullWalks());
    assertEquals(1, got.ingress().size());
    // Too many changes to track (more than the history plus slack): walks.
    for (int i = 0; i < 2000; i++) {
      RequestId x = id(r);
      other.ingressHistory().set(x, new IngressStatus.Received(TO, FakeExecutor.USER, 9));
      other.ingressHistory().remove(x);
    }
    check(a, a.adapt(other), other);
    assertEquals(4, a.fullWalks());
    // Nothing changed: same snapshot object.
    TreeInputAdapter.Adapted again = a.adapt(other);
    assertEquals(4, a.fullWalks());
    assertSame(got.ingress().getClass(), again.ingress().getClass());
    assertNull(again.ingress().get(id(r)));
  }
}
