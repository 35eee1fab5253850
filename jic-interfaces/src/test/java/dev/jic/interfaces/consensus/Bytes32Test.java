package dev.jic.interfaces.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link IngressId} and {@link StateHash} over their shared {@link Bytes32} base. */
class Bytes32Test {
  private static byte[] filled(int b) {
    byte[] x = new byte[32];
    java.util.Arrays.fill(x, (byte) b);
    return x;
  }

  @Test
  void copiesInAndOut() {
    byte[] in = filled(7);
    IngressId id = IngressId.of(in);
    in[0] = 9;
    byte[] out = id.toBytes();
    assertArrayEquals(filled(7), out, "later writes to the input do not reach the value");
    out[1] = 9;
    assertArrayEquals(filled(7), id.toBytes(), "writes to an output do not reach the value");
  }

  @Test
  void lengthIsCheckedWithEachTypesMessage() {
    assertEquals("an ingress id has 32 bytes",
        assertThrows(IllegalArgumentException.class, () -> IngressId.of(new byte[31])).getMessage());
    assertEquals("an ingress id has 32 bytes",
        assertThrows(IllegalArgumentException.class, () -> IngressId.of(null)).getMessage());
    assertEquals("a state hash has 32 bytes",
        assertThrows(IllegalArgumentException.class, () -> StateHash.of(new byte[33])).getMessage());
    assertEquals(32, IngressId.LENGTH);
    assertEquals(32, StateHash.LENGTH);
  }

  @Test
  void equalityIsPerTypeAndBytes() {
    assertEquals(StateHash.of(filled(1)), StateHash.of(filled(1)));
    assertEquals(StateHash.of(filled(1)).hashCode(), StateHash.of(filled(1)).hashCode());
    assertNotEquals(StateHash.of(filled(1)), StateHash.of(filled(2)));
    assertNotEquals((Object) IngressId.of(filled(1)), StateHash.of(filled(1)), "an id is never a hash");
    assertEquals(StateHash.GENESIS, StateHash.of(new byte[32]));
  }

  @Test
  void orderIsUnsignedBytewiseAndToStringIsHex() {
    byte[] high = new byte[32];
    high[0] = (byte) 0x80; // negative as a signed byte, yet after 0x01
    byte[] low = new byte[32];
    low[0] = 0x01;
    assertTrue(IngressId.of(low).compareTo(IngressId.of(high)) < 0);
    assertTrue(StateHash.of(high).compareTo(StateHash.of(low)) > 0);
    assertEquals(0, StateHash.of(low).compareTo(StateHash.of(low)));
    assertEquals("80" + "00".repeat(31), IngressId.of(high).toString());
  }
}
