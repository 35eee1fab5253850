package dev.jic.types.messages;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Builders of request bodies for tests. */
final class Envelopes {
  private Envelopes() {}

  static final byte[] CANISTER = HexFormat.of().parseHex("00000000000004d20101");

  static TreeMap<String, HashValue> call(String type, byte[] sender, long expiry) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text(type));
    m.put("sender", new HashValue.Blob(sender));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    m.put("canister_id", new HashValue.Blob(CANISTER));
    m.put("method_name", new HashValue.Text("greet"));
    m.put("arg", new HashValue.Blob("DIDL\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    return m;
  }

  static TreeMap<String, HashValue> readState(byte[] sender, long expiry, int paths, int labels) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("read_state"));
    m.put("sender", new HashValue.Blob(sender));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    List<HashValue> ps = new java.util.ArrayList<>();
    for (int i = 0; i < paths; i++) {
      List<HashValue> ls = new java.util.ArrayList<>();
      for (int j = 0; j < labels; j++) {
        ls.add(new HashValue.Blob(new byte[] {(byte) j}));
      }
      ps.add(new HashValue.Array(ls));
    }
    m.put("paths", new HashValue.Array(ps));
    return m;
  }

  static byte[] envelope(TreeMap<String, HashValue> content) {
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(content));
    return Cbor.encodeWithSelfDescribeTag(env);
  }

  static byte[] envelope(CBORObject env) {
    return Cbor.encodeWithSelfDescribeTag(env);
  }
}
