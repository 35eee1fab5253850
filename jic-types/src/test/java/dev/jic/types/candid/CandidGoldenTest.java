package dev.jic.types.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors. Sources: digest §7.3 (idl_hash values), §7.6 (messages); the Candid spec's
 * "Binary Format" section for the rest, hand-assembled byte by byte in the comments.
 */
class CandidGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  private static void golden(String hex, List<IdlType> types, List<IdlValue> values) throws DecodeException {
    assertEquals(hex, HEX.formatHex(Candid.encode(types, values)));
    assertEquals(values, Candid.decode(HEX.parseHex(hex), types));
  }

  @Test
  void idlHashFromDigest() {
    // digest §7.3
    assertEquals(1313628723L, IdlHash.hash("canister_id"));
    assertEquals(2336062691L, IdlHash.hash("settings"));
    assertEquals(570880087L, IdlHash.hash("controllers"));
    assertEquals(4849238L, IdlHash.hash("arg"));
    assertEquals(1214305123L, IdlHash.hash("mode"));
    assertEquals(265441191L, IdlHash.hash("wasm_module"));
    assertEquals(2375734555L, IdlHash.hash("install"));
    assertEquals(235052488L, IdlHash.hash("reinstall"));
    assertEquals(1664201884L, IdlHash.hash("upgrade"));
    // by hand: "a" = 97; "ab" = 97*223 + 98 = 21729
    assertEquals(97L, IdlHash.hash("a"));
    assertEquals(21729L, IdlHash.hash("ab"));
  }

  @Test
  void digestVectors() throws DecodeException {
    // digest §7.6
    golden("4449444c00017d2a", List.of(IdlType.NAT), List.of(IdlValue.nat(42)));
    golden("4449444c0001710568656c6c6f", List.of(IdlType.TEXT), List.of(IdlValue.text("hello")));
    golden("4449444c016e7d01000101", List.of(IdlType.opt(IdlType.NAT)), List.of(IdlValue.Opt.some(IdlValue.nat(1))));
    IdlType rec = IdlType.record(IdlType.Field.named("canister_id", IdlType.PRINCIPAL));
    IdlValue v = IdlValue.record("canister_id", new IdlValue.Principal(CanisterId.fromU64(1).principal()));
    golden("4449444c016c01b3c4b1f204680100010a00000000000000010101", List.of(rec), List.of(v));
    assertEquals("(record { canister_id = principal \"rrkah-fqaaa-aaaaa-aaaaq-cai\" })", Candid.render(List.of(v)));
  }

  @Test
  void handAssembledVectors() throws DecodeException {
    // empty argument list: DIDL, 0 types, 0 args
    golden("4449444c0000", List.of(), List.of());
    // int -1 = sleb 7f; int8 -5 = fb; nat16 0x1234 LE = 3412
    golden("4449444c00037c777a7ffb3412", List.of(IdlType.INT, IdlType.INT8, IdlType.NAT16),
        List.of(IdlValue.integer(-1), new IdlValue.Int8(-5), new IdlValue.Nat16(0x1234)));
    // nat 624485 = e5 8e 26 (the LEB128 example from Wikipedia)
    golden("4449444c00017de58e26", List.of(IdlType.NAT), List.of(IdlValue.nat(624485)));
    // bool true, null, reserved (no bytes), float64 1.5 = 0x3ff8000000000000 LE
    golden("4449444c00047e7f707201000000000000f83f", List.of(IdlType.BOOL, IdlType.NULL, IdlType.RESERVED, IdlType.FLOAT64),
        List.of(new IdlValue.Bool(true), IdlValue.NULL, IdlValue.RESERVED, new IdlValue.Float64(1.5)));
    // blob: table [6d 7b], arg 00, len 3, bytes
    golden("4449444c016d7b010003010203", List.of(IdlType.BLOB), List.of(new IdlValue.Blob(new byte[] {1, 2, 3})));
    // variant { ok : null; err : text } = hashes ok=24860 (9c c2 01) err=5048165 (e5 8e b4 02)
    // value err "x": index 1 (sorted ok < err), text 01 78
    IdlType result = IdlType.variant(IdlType.Field.named("ok", IdlType.NULL), IdlType.Field.named("err", IdlType.TEXT));
    assertEquals(24860L, IdlHash.hash("ok"));
    assertEquals(5048165L, IdlHash.hash("err"));
    golden("4449444c016b029cc2017fe58eb4027101000101" + "78", List.of(result), List.of(IdlValue.variant("err", IdlValue.text("x"))));
    // tuple record { nat8; text }: 6c 02 00 7b 01 71
    golden("4449444c016c02007b017101002a0161", List.of(IdlType.Record.tuple(IdlType.NAT8, IdlType.TEXT)),
        List.of(IdlValue.Record.tuple(new IdlValue.Nat8(42), IdlValue.text("a"))));
  }

  @Test
  void recursiveListType() throws DecodeException {
    // type list = opt record { head : nat; tail : list } ; head = 1158359328, tail = 1291237008
    IdlType.Rec list = new IdlType.Rec("list");
    list.define(IdlType.opt(IdlType.record(IdlType.Field.named("head", IdlType.NAT), IdlType.Field.named("tail", list))));
    IdlValue v = IdlValue.Opt.some(IdlValue.record("head", IdlValue.nat(1), "tail",
        IdlValue.Opt.some(IdlValue.record("head", IdlValue.nat(2), "tail", IdlValue.NONE))));
    byte[] b = Candid.encode(List.of(list), List.of(v));
    // table: 0 = opt 1; 1 = record {head: nat; tail: 0}
    assertEquals("4449444c026e016c02a0d2aca8047d90eddae7040001000101010200", HEX.formatHex(b));
    assertEquals(List.of(v), Candid.decode(b, List.of(list)));
    assertEquals("(opt record { head = 1 : nat; tail = opt record { head = 2 : nat; tail = null } })",
        Candid.render(List.of(v)));
  }

  @Test
  void subtypingOnDecode() throws DecodeException {
    // message: record { a = 1 : nat; b = "x" }, decoded at record { a : int; c : opt nat; d : reserved }
    IdlType wire = IdlType.record(IdlType.Field.named("a", IdlType.NAT), IdlType.Field.named("b", IdlType.TEXT));
    byte[] bytes = Candid.encode(List.of(wire), List.of(IdlValue.record("a", IdlValue.nat(1), "b", IdlValue.text("x"))));
    IdlType exp = IdlType.record(IdlType.Field.named("a", IdlType.INT), IdlType.Field.named("c", IdlType.opt(IdlType.NAT)),
        IdlType.Field.named("d", IdlType.RESERVED));
    assertEquals(List.of(IdlValue.record("a", IdlValue.integer(1), "c", IdlValue.NONE, "d", IdlValue.RESERVED)),
        Candid.decode(bytes, List.of(exp)));
    // missing non-opt field fails
    IdlType bad = IdlType.record(IdlType.Field.named("z", IdlType.NAT));
    assertThrows(DecodeException.class, () -> Candid.decode(bytes, List.of(bad)));
    // opt rules: text at opt nat -> null; nat at opt nat -> opt; opt text at opt nat -> null
    byte[] nat5 = HEX.parseHex("4449444c00017d05");
    assertEquals(List.of(IdlValue.Opt.some(IdlValue.nat(5))), Candid.decode(nat5, List.of(IdlType.opt(IdlType.NAT))));
    assertEquals(List.of(IdlValue.NONE), Candid.decode(nat5, List.of(IdlType.opt(IdlType.TEXT))));
    assertEquals(List.of(IdlValue.RESERVED), Candid.decode(nat5, List.of(IdlType.RESERVED)));
    assertThrows(DecodeException.class, () -> Candid.decode(nat5, List.of(IdlType.NAT8)));
    // extra trailing args skipped; missing trailing opt arg -> null; missing nat arg fails
    assertEquals(List.of(), Candid.decode(nat5, List.of()));
    assertEquals(List.of(IdlValue.nat(5), IdlValue.NONE), Candid.decode(nat5, List.of(IdlType.NAT, IdlType.opt(IdlType.TEXT))));
    assertThrows(DecodeException.class, () -> Candid.decode(nat5, List.of(IdlType.NAT, IdlType.NAT)));
    // variant tag must be expected
    IdlType okOnly = IdlType.variant(IdlType.Field.named("ok", IdlType.NULL));
    byte[] err = Candid.encode(List.of(IdlType.variant(IdlType.Field.named("ok", IdlType.NULL), IdlType.Field.named("err", IdlType.TEXT))),
        List.of(IdlValue.variant("err", IdlValue.text("x"))));
    assertThrows(DecodeException.class, () -> Candid.decode(err, List.of(okOnly)));
    assertEquals(List.of(IdlValue.NONE), Candid.decode(err, List.of(IdlType.opt(okOnly))));
  }

  @Test
  void malformedInputs() {
    String[] bad = {
      "", "4449444c", "4449444d0000", // truncated / bad magic
      "4449444c0000ff", // trailing byte
      "4449444c00017d", // truncated nat
      "4449444c00017d808080808080808080808080", // unterminated leb
      "4449444c01017d00", // table entry with primitive opcode (nat)
      "4449444c016e0501000100", // type ref 5 out of range
      "4449444c016c020071007101000000", // duplicate field id 0
      "4449444c016c02017100710100000000", // unsorted field ids 1, 0
      "4449444c000171026161ff", // trailing after text
      "4449444c00017102c328", // invalid UTF-8
      "4449444c00017e02", // bool 2
      "4449444c016e7d010002", // opt tag 2
      "4449444c00016f", // value of type empty
      "4449444c016d7f0100ffffffff0f", // vec null of 2^32-1 elements (> budget for a tiny message)
      "4449444c016d7d0100ffffffff0f", // vec nat longer than the input
      "4449444c00016801001e" + "00".repeat(30), // principal of 30 bytes
      "4449444c000168000", // odd hex is not reached: kept below as valid hex
    };
    for (String h : bad) {
      if (h.length() % 2 != 0) {
        continue;
      }
      byte[] bytes = HEX.parseHex(h);
      assertThrows(DecodeException.class, () -> Candid.decodeUntyped(bytes), h);
    }
  }

  @Test
  void deepNestingIsBounded() {
    // type t = opt t; value opt opt opt ... 100000 deep
    StringBuilder sb = new StringBuilder("4449444c016e000100");
    sb.append("01".repeat(100_000)).append("00");
    byte[] bytes = HEX.parseHex(sb.toString());
    DecodeException e = assertThrows(DecodeException.class, () -> Candid.decodeUntyped(bytes));
    assertEquals(true, e.getMessage().contains("nested deeper"), e.getMessage());
  }

  @Test
  void bigNumbersAndFixedWidth() throws DecodeException {
    BigInteger big = BigInteger.TWO.pow(200).add(BigInteger.valueOf(12345));
    List<IdlType> ts = List.of(IdlType.NAT, IdlType.INT, IdlType.NAT64, IdlType.INT64);
    List<IdlValue> vs = List.of(new IdlValue.Nat(big), new IdlValue.Int(big.negate()), new IdlValue.Nat64(-1L),
        new IdlValue.Int64(Long.MIN_VALUE));
    assertEquals(vs, Candid.decode(Candid.encode(ts, vs), ts));
    assertEquals("18_446_744_073_709_551_615 : nat64", Candid.render(new IdlValue.Nat64(-1L)));
  }

  @Test
  void principalAndRefs() throws DecodeException {
    PrincipalId p = PrincipalId.fromText("aaaaa-aa");
    IdlType f = new IdlType.Func(List.of(IdlType.NAT), List.of(), java.util.Set.of(IdlType.FuncMode.QUERY));
    IdlType s = new IdlType.Service(List.of(new IdlType.Method("go", f)));
    List<IdlType> ts = List.of(IdlType.PRINCIPAL, f, s);
    List<IdlValue> vs = List.of(new IdlValue.Principal(p), new IdlValue.Func(p, "go"), new IdlValue.Service(p));
    byte[] b = Candid.encode(ts, vs);
    // table: 0 = func (nat) -> () query = 6a 01 7d 00 01 01; 1 = service { go : 0 } = 69 01 02 67 6f 00
    assertEquals("4449444c026a017d000101690102676f0003680001" + "0100" + "01010002676f" + "0100", HEX.formatHex(b));
    assertEquals(vs, Candid.decode(b, ts));
  }
}
