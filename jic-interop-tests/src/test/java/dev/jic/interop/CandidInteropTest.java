package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlType.Field;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.id.PrincipalId;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Candid interop with {@code @dfinity/candid} 3.4.3 ({@code interop/js/candid.mjs}): for each case,
 * agent-js's encoding decodes in jic to the expected values, jic's encoding decodes in agent-js
 * to equal values, and the two encodings are byte-identical (for these types the type tables
 * come out in the same order).
 */
class CandidInteropTest {
  private static final HexFormat HEX = HexFormat.of();

  private record Case(List<IdlType> types, List<IdlValue> values) {}

  /** Keep in sync with {@code cases} in candid.mjs. */
  private static Map<String, Case> cases() {
    PrincipalId p = PrincipalId.fromText("rrkah-fqaaa-aaaaa-aaaaq-cai");
    IdlType.Rec list = new IdlType.Rec("List");
    list.define(IdlType.opt(IdlType.record(Field.named("head", IdlType.NAT), Field.named("tail", list))));
    IdlType result = IdlType.variant(Field.named("ok", IdlType.NULL), Field.named("err", IdlType.TEXT));
    IdlType kv = IdlType.vec(IdlType.record(Field.named("k", IdlType.TEXT), Field.named("v",
        IdlType.variant(Field.named("a", IdlType.NAT32), Field.named("b", IdlType.vec(IdlType.opt(IdlType.INT)))))));
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("nat", new Case(List.of(IdlType.NAT), List.of(IdlValue.nat(42))));
    m.put("bignat", new Case(List.of(IdlType.NAT), List.of(new IdlValue.Nat(BigInteger.TWO.pow(100).add(BigInteger.valueOf(7))))));
    m.put("int", new Case(List.of(IdlType.INT, IdlType.INT),
        List.of(new IdlValue.Int(new BigInteger("-123456789012345678901234567890")), IdlValue.integer(0))));
    m.put("fixed", new Case(
        List.of(IdlType.NAT8, IdlType.NAT16, IdlType.NAT32, IdlType.NAT64, IdlType.INT8, IdlType.INT16, IdlType.INT32, IdlType.INT64),
        List.of(new IdlValue.Nat8(255), new IdlValue.Nat16(65535), new IdlValue.Nat32(4294967295L), new IdlValue.Nat64(-1L),
            new IdlValue.Int8(-128), new IdlValue.Int16(-32768), new IdlValue.Int32(Integer.MIN_VALUE), new IdlValue.Int64(Long.MIN_VALUE))));
    m.put("float", new Case(List.of(IdlType.FLOAT64, IdlType.FLOAT64), List.of(new IdlValue.Float64(1.5), new IdlValue.Float64(-1e300))));
    m.put("textBool", new Case(List.of(IdlType.TEXT, IdlType.BOOL, IdlType.BOOL),
        List.of(IdlValue.text("h\u00e9llo \u2713"), new IdlValue.Bool(true), new IdlValue.Bool(false))));
    m.put("opt", new Case(List.of(IdlType.opt(IdlType.NAT), IdlType.opt(IdlType.TEXT)),
        List.of(IdlValue.Opt.some(IdlValue.nat(5)), IdlValue.NONE)));
    m.put("vec", new Case(List.of(IdlType.vec(IdlType.INT16)),
        List.of(new IdlValue.Vec(List.of(new IdlValue.Int16(1), new IdlValue.Int16(-2), new IdlValue.Int16(300))))));
    m.put("blob", new Case(List.of(IdlType.BLOB), List.of(new IdlValue.Blob(new byte[] {0, 1, (byte) 255}))));
    m.put("record", new Case(List.of(IdlType.record(Field.named("canister_id", IdlType.PRINCIPAL), Field.named("amount", IdlType.NAT),
        Field.named("memo", IdlType.opt(IdlType.BLOB)))),
        List.of(IdlValue.record("canister_id", new IdlValue.Principal(p), "amount", IdlValue.nat(1000),
            "memo", IdlValue.Opt.some(new IdlValue.Blob(new byte[] {9}))))));
    m.put("tuple", new Case(List.of(IdlType.Record.tuple(IdlType.NAT8, IdlType.TEXT)),
        List.of(IdlValue.Record.tuple(new IdlValue.Nat8(7), IdlValue.text("x")))));
    m.put("variant", new Case(List.of(result), List.of(IdlValue.variant("err", IdlValue.text("boom")))));
    m.put("principal", new Case(List.of(IdlType.PRINCIPAL, IdlType.PRINCIPAL),
        List.of(new IdlValue.Principal(p), new IdlValue.Principal(PrincipalId.MANAGEMENT_CANISTER))));
    m.put("nested", new Case(List.of(kv), List.of(new IdlValue.Vec(List.of(
        IdlValue.record("k", IdlValue.text("one"), "v", IdlValue.variant("a", new IdlValue.Nat32(1))),
        IdlValue.record("k", IdlValue.text("two"), "v", IdlValue.variant("b",
            new IdlValue.Vec(List.of(IdlValue.Opt.some(IdlValue.integer(-1)), IdlValue.NONE)))))))));
    m.put("list", new Case(List.of(list), List.of(IdlValue.Opt.some(IdlValue.record("head", IdlValue.nat(1), "tail",
        IdlValue.Opt.some(IdlValue.record("head", IdlValue.nat(2), "tail", IdlValue.NONE)))))));
    return m;
  }

  @Test
  void bothDirectionsAndByteExact() throws Exception {
    Map<String, Case> cases = cases();
    StringBuilder in = new StringBuilder("{\"jic\":{");
    Map<String, String> jicHex = new LinkedHashMap<>();
    for (var e : cases.entrySet()) {
      String h = HEX.formatHex(Candid.encode(e.getValue().types(), e.getValue().values()));
      jicHex.put(e.getKey(), h);
      in.append(in.charAt(in.length() - 1) == '{' ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(h).append('"');
    }
    in.append("}}");
    CBORObject out = CBORObject.FromJSONString(NodeScript.run("candid.mjs", in.toString()));
    assertEquals(cases.size(), out.size(), "candid.mjs and this test must list the same cases");
    for (var e : cases.entrySet()) {
      String name = e.getKey();
      CBORObject r = out.get(name);
      assertTrue(r != null, "case " + name + " missing from candid.mjs");
      // agent-js decodes jic's bytes to the same values
      assertTrue(r.get("ok").AsBoolean(), name + ": agent-js decoded jic's " + jicHex.get(name) + " as "
          + r.get("got") + " (want " + r.get("want") + ", error " + r.get("error") + ")");
      // jic decodes agent-js's bytes to the expected values
      byte[] js = HEX.parseHex(r.get("js").AsString());
      assertEquals(e.getValue().values(), Candid.decode(js, e.getValue().types()), name + ": jic decoding " + HEX.formatHex(js));
      // same bytes
      assertEquals(r.get("js").AsString(), jicHex.get(name), name + ": encodings differ");
    }
  }
}
