package dev.jic.replicated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change record of {@link IngressHistory}: what a drain reports, and its bound. */
class IngressHistoryTest {
  static final IngressStatus RECEIVED = new IngressStatus.Received(CanisterId.fromU64(1), PrincipalId.ANONYMOUS, 0);

  static RequestId id(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) (i >> 8);
    b[1] = (byte) i;
    return RequestId.of(b);
  }

  @Test
  void drainReportsSetAndRemovedIdsInOrderOnce() {
    IngressHistory h = new IngressHistory();
    h.set(id(3), RECEIVED);
    h.set(id(1), RECEIVED);
    h.set(id(2), RECEIVED);
    assertEquals(0, h.generation());
    assertEquals(List.of(id(1), id(2), id(3)), List.copyOf(h.drainChanged().orElseThrow()));
    assertEquals(1, h.generation());
    assertTrue(h.drainChanged().orElseThrow().isEmpty());
    h.remove(id(2));
    h.remove(id(9)); // absent: not a change
    h.set(id(1), h.get(id(1))); // same status: still reported (the consumer compares)
    assertEquals(List.of(id(1), id(2)), List.copyOf(h.drainChanged().orElseThrow()));
    assertEquals(3, h.generation());
  }

  @Test
  void tooManyChangesAreReportedAsUntracked() {
    IngressHistory h = new IngressHistory();
    h.set(id(0), RECEIVED);
    h.drainChanged();
    for (int i = 1; i <= 3000; i++) {
      h.set(id(i), RECEIVED);
      h.remove(id(i));
    }
    assertTrue(h.drainChanged().isEmpty());
    h.set(id(5), RECEIVED);
    assertEquals(List.of(id(5)), List.copyOf(h.drainChanged().orElseThrow()));
  }
}
