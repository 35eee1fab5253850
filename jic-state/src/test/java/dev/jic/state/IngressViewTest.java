package dev.jic.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.replicated.IngressStatus;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link IngressView} behaves as a sorted map and old versions never change. */
class IngressViewTest {
  static final CanisterId TO = CanisterId.fromU64(1);

  static RequestId id(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) (i * 13);
    b[31] = (byte) i;
    b[5] = (byte) (i >> 8);
    return RequestId.of(b);
  }

  @Property(tries = 200)
  void equalsATreeMapAndKeepsOldVersions(@ForAll long seed) {
    Random r = new Random(seed);
    IngressView v = IngressView.EMPTY;
    TreeMap<RequestId, IngressStatus> model = new TreeMap<>();
    List<IngressView> versions = new ArrayList<>();
    List<TreeMap<RequestId, IngressStatus>> models = new ArrayList<>();
    for (int step = 0; step < 12; step++) {
      Map<RequestId, IngressStatus> changes = new HashMap<>();
      for (int k = r.nextInt(40); k > 0; k--) {
        RequestId id = id(r.nextInt(300));
        changes.put(id, r.nextInt(3) == 0 ? null : new IngressStatus.Received(TO, dev.jic.types.id.PrincipalId.ANONYMOUS, step));
      }
      changes.forEach((id, st) -> {
        if (st == null) {
          model.remove(id);
        } else {
          model.put(id, st);
        }
      });
      v = v.with(changes);
      assertEquals(model, v.toMap());
      assertEquals(model.size(), v.size());
      for (int k = 0; k < 20; k++) {
        RequestId id = id(r.nextInt(300));
        assertSame(model.get(id), v.get(id));
        assertEquals(model.containsKey(id), v.containsKey(id));
      }
      versions.add(v);
      models.add(new TreeMap<>(model));
    }
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(models.get(i), versions.get(i).toMap());
    }
  }

  @Test
  void balancedForRandomIds() {
    Random r = new Random(3);
    TreeMap<RequestId, IngressStatus> all = new TreeMap<>();
    for (int i = 0; i < 50_000; i++) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      all.put(RequestId.of(b), new IngressStatus.Received(TO, dev.jic.types.id.PrincipalId.ANONYMOUS, 0));
    }
    IngressView v = IngressView.of(all);
    assertEquals(50_000, v.size());
    assertTrue(v.depth() <= 4 * 16, "depth " + v.depth());
    assertSame(v, v.with(Map.of()));
  }
}
