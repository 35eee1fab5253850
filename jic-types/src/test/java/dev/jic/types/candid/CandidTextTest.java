package dev.jic.types.candid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text rendering (didc style) and the text-value parser used for CLI arguments. */
class CandidTextTest {

  @Test
  void parsesTheCliExampleUntyped() throws CandidSyntaxException {
    List<IdlValue> vs = Candid.parseArgs("(42, \"hi\", record { a = 1; b = opt vec {1;2} }, variant { ok }, "
        + "principal \"aaaaa-aa\", blob \"\\00\\ff\", -5 : int8, 1.5, null, true)", null);
    assertEquals(List.of(IdlValue.integer(42), IdlValue.text("hi"),
        IdlValue.record("a", IdlValue.integer(1), "b", IdlValue.Opt.some(new IdlValue.Vec(List.of(IdlValue.integer(1), IdlValue.integer(2))))),
        IdlValue.variant("ok", IdlValue.NULL), new IdlValue.Principal(PrincipalId.MANAGEMENT_CANISTER),
        new IdlValue.Blob(new byte[] {0, (byte) 0xff}), new IdlValue.Int8(-5), new IdlValue.Float64(1.5), IdlValue.NULL,
        new IdlValue.Bool(true)), vs);
    assertEquals("(42 : int, \"hi\", record { a = 1 : int; b = opt vec { 1 : int; 2 : int } }, variant { ok }, "
        + "principal \"aaaaa-aa\", blob \"\\00\\ff\", -5 : int8, 1.5 : float64, null : null, true)", Candid.render(vs));
  }

  @Test
  void expectedTypesGuideLiterals() throws CandidSyntaxException {
    IdlType rec = Candid.parseType("record { amount : nat64; memo : opt blob; to : principal; fee : opt nat }");
    List<IdlValue> vs = Candid.parseArgs("(record { amount = 1_000; to = principal \"aaaaa-aa\"; memo = opt blob \"ab\" }, 7)",
        List.of(rec, IdlType.NAT8, IdlType.opt(IdlType.TEXT)));
    assertEquals(List.of(IdlValue.record("amount", new IdlValue.Nat64(1000), "memo", IdlValue.Opt.some(new IdlValue.Blob("ab".getBytes())),
        "to", new IdlValue.Principal(PrincipalId.MANAGEMENT_CANISTER), "fee", IdlValue.NONE), new IdlValue.Nat8(7), IdlValue.NONE), vs);
    // an annotation that fits by subtyping: nat at int
    assertEquals(List.of(IdlValue.integer(5)), Candid.parseArgs("(5 : nat)", List.of(IdlType.INT)));
    // vec nat8 from a vec literal becomes a blob; hex and float literals
    assertEquals(List.of(new IdlValue.Blob(new byte[] {1, (byte) 0xff})), Candid.parseArgs("(vec { 1; 0xff })", List.of(IdlType.BLOB)));
    assertEquals(List.of(new IdlValue.Float32(2f)), Candid.parseArgs("(2)", List.of(IdlType.FLOAT32)));
    assertEquals(List.of(new IdlValue.Nat(new BigInteger("123456789012345678901234567890"))),
        Candid.parseArgs("123_456_789_012_345_678_901_234_567_890", List.of(IdlType.NAT)));
  }

  @Test
  void errorsSayWhere() {
    CandidSyntaxException e = assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(300)", List.of(IdlType.NAT8)));
    assertEquals(1, e.position());
    assertTrue(e.getMessage().contains("out of range for nat8"), e.getMessage());
    e = assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(1, record { a = 1 ", null));
    assertEquals(19, e.position());
    e = assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(principal \"not-a-principal\")", null));
    assertTrue(e.getMessage().contains("invalid principal"), e.getMessage());
    e = assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(record { a = 1 })",
        List.of(Candid.parseType("record { b : nat }"))));
    assertTrue(e.getMessage().contains("not in the type"), e.getMessage());
    assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(-1)", List.of(IdlType.NAT)));
    assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(\"\\xff\")", null)); // invalid UTF-8 text
    assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(1, 2)", List.of(IdlType.NAT)));
    assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("(1)", List.of(IdlType.NAT, IdlType.NAT)));
    assertThrows(CandidSyntaxException.class, () -> Candid.parseArgs("opt ".repeat(10_000) + "1", null));
  }

  @Test
  void didcStyleRendering() throws Exception {
    assertEquals("(1_000_000 : nat)", Candid.render(List.of(IdlValue.nat(1_000_000))));
    assertEquals("-1_234 : int", Candid.render(IdlValue.integer(-1234)));
    assertEquals("opt (5 : nat8)", Candid.render(IdlValue.Opt.some(new IdlValue.Nat8(5))));
    assertEquals("opt \"x\"", Candid.render(IdlValue.Opt.some(IdlValue.text("x"))));
    assertEquals("blob \"hi\\22\"", Candid.render(new IdlValue.Blob("hi\"".getBytes())));
    assertEquals("blob \"\\68\\00\"", Candid.render(new IdlValue.Blob(new byte[] {'h', 0})));
    assertEquals("record { 0 = 1 : nat; \"x y\" = \"a\\n\" }",
        Candid.render(new IdlValue.Record(List.of(new IdlValue.FieldValue(IdlValue.Label.id(0), IdlValue.nat(1)),
            new IdlValue.FieldValue(IdlValue.Label.named("x y"), IdlValue.text("a\n"))))));
    assertEquals("record { 1 : nat; \"a\" }", Candid.render(IdlValue.Record.tuple(IdlValue.nat(1), IdlValue.text("a"))));
    assertEquals("variant { err = \"e\" }", Candid.render(IdlValue.variant("err", IdlValue.text("e"))));
    assertEquals("2.0 : float64", Candid.render(new IdlValue.Float64(2)));
    assertEquals("vec {}", Candid.render(new IdlValue.Vec(List.of())));
    // decodeUntyped of the digest vector renders as didc does
    byte[] b = HexFormat.of().parseHex("4449444c016c01b3c4b1f204680100010a00000000000000010101");
    DecodedArgs wire = Candid.decodeUntyped(b);
    assertEquals("(record { 1313628723 = principal \"rrkah-fqaaa-aaaaa-aaaaq-cai\" })", Candid.render(wire.values()));
    assertEquals("(record { 1313628723 : principal })", Candid.renderTypes(wire.types()));
  }

  @Test
  void typeSyntax() throws CandidSyntaxException {
    String[] ts = {
      "nat", "opt vec text", "blob", "record { nat; text }", "variant { ok; err : text }",
      "func (nat, text) -> (opt nat) query", "service { a : (nat) -> (); b : () -> () oneway }",
      "record { a : nat; \"b c\" : int }",
    };
    for (String t : ts) {
      assertEquals(t, Candid.renderType(Candid.parseType(t)));
    }
    assertEquals(List.of(IdlType.NAT, IdlType.TEXT), Candid.parseTypes("(nat, text)"));
  }
}
