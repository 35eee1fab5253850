package dev.jic.types.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.encoding.DecodeException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Inputs built to exhaust memory, time or stack: each must end in a value or a DecodeException. */
class CandidHostileInputTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void zeroSizedVectorsAreMetered() throws DecodeException {
    // vec null with 400_000 elements (leb 80 b5 18): 5 bytes of payload, within the default budget
    DecodedArgs ok = Candid.decodeUntyped(HEX.parseHex("4449444c016d7f010080b518"));
    assertEquals(400_000, ((IdlValue.Vec) ok.values().get(0)).values().size());
    // 2^40 elements: rejected up front by the budget, not by running out of memory
    DecodeException e = assertThrows(DecodeException.class,
        () -> Candid.decodeUntyped(HEX.parseHex("4449444c016d7f0100808080808020")));
    assertTrue(e.getMessage().contains("budget"), e.getMessage());
    // vec record {} (zero-sized too) of 2^40 elements, and vec vec null nesting
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444c026d016c000100808080808020")));
    // tight limits make even small vectors fail
    assertThrows(DecodeException.class,
        () -> Candid.decodeUntyped(HEX.parseHex("4449444c016d7f010080b518"), new DecodeLimits(10, 1000, 0)));
  }

  @Test
  void hugeNatDecodesInLinearTime() throws DecodeException {
    // a nat of 300_000 LEB bytes (2.1 Mbit): quadratic decoding would take minutes
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HEX.parseHex("4449444c00017d"));
    for (int i = 0; i < 299_999; i++) {
      b.write(0xff);
    }
    b.write(0x01);
    IdlValue.Nat n = (IdlValue.Nat) Candid.decodeUntyped(b.toByteArray()).values().get(0);
    assertEquals(7 * 299_999 + 1, n.value().bitLength());
    assertEquals(n, Candid.decode(Candid.encode(List.of(IdlType.NAT), List.of(n)), List.of(IdlType.NAT)).get(0));
  }

  @Test
  void deepNestingOnASmallStackIsADecodeException() throws Exception {
    // type t = vec t; value: 999 nested one-element vectors, decoded on a 128 KiB stack
    StringBuilder sb = new StringBuilder("4449444c016d000100");
    sb.append("01".repeat(999)).append("00");
    byte[] bytes = HEX.parseHex(sb.toString());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        Candid.decode(bytes, List.of(IdlType.RESERVED));
        Candid.decodeUntyped(bytes);
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "small-stack", 128 * 1024);
    t.start();
    t.join();
    assertTrue(thrown.get() == null || thrown.get() instanceof DecodeException, String.valueOf(thrown.get()));
    // on a normal stack the default depth (1000) is enough
    assertEquals(1, Candid.decodeUntyped(bytes).values().size());
  }

  @Test
  void futureTypesAreSkippedAndOpaqueReferencesRejected() throws DecodeException {
    // table: entry 0 = opcode -25 (67) with 2 bytes of type data; arg 0, nat; value: m=3, n=0, 3 bytes; nat 5
    byte[] future = HEX.parseHex("4449444c01670200000200" + "7d" + "0300aabbcc" + "05");
    assertEquals(List.of(IdlValue.RESERVED, IdlValue.nat(5)), Candid.decodeUntyped(future).values());
    assertEquals(List.of(IdlValue.NONE, IdlValue.nat(5)), Candid.decode(future, List.of(IdlType.opt(IdlType.NAT), IdlType.NAT)));
    // principal tag 0 = opaque reference: not supported on the IC
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444c00016800")));
    // service method whose type is not a function
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444c016901016d7d0000")));
    // huge type table count
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444cffffffff0f")));
    // leb over 64 bits in a length
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444c0001718080808080808080808001")));
  }

  @Test
  void recursiveTypesMustBeWellFounded() {
    IdlType.Rec a = new IdlType.Rec("a");
    IdlType.Rec b = new IdlType.Rec("b");
    a.define(b);
    assertThrows(IllegalArgumentException.class, () -> b.define(a));
    IdlType.Rec c = new IdlType.Rec("c");
    assertThrows(IllegalArgumentException.class, () -> c.define(c));
    // an uninhabited wire type (type t = record { t }) fails on its value, by depth
    assertThrows(DecodeException.class, () -> Candid.decodeUntyped(HEX.parseHex("4449444c016c0100000100")));
  }
}
