package dev.jic.cli.client;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds request contents and signed envelopes as the IC's agents do (interface spec "Request
 * ids", "Authentication"): the content map is hashed with the representation-independent hash
 * (through {@link RequestId#ofContent}), the envelope is CBOR with the self-describe tag 55799.
 * Stateless.
 */
public final class Envelopes {
  private Envelopes() {}

  /** A request's content map and its request id. */
  public record Content(TreeMap<String, HashValue> map, RequestId requestId) {
    /** Computes the request id of {@code map} (copied). */
    public static Content of(TreeMap<String, HashValue> map) {
      TreeMap<String, HashValue> copy = new TreeMap<>(map);
      return new Content(copy, RequestId.ofContent(copy));
    }
  }

  /** The content of a {@code call} or {@code query} (nonce only when non-null). */
  public static Content canisterRequest(String type, Identity sender, long expiryNanos, CanisterId canister, String method,
      byte[] arg, byte[] nonce) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text(type));
    m.put("sender", new HashValue.Blob(sender.principal().toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiryNanos));
    m.put("canister_id", new HashValue.Blob(canister.toBytes()));
    m.put("method_name", new HashValue.Text(method));
    m.put("arg", new HashValue.Blob(arg));
    if (nonce != null) {
      m.put("nonce", new HashValue.Blob(nonce));
    }
    return Content.of(m);
  }

  /** The content of a {@code read_state} request for {@code paths}. */
  public static Content readState(Identity sender, long expiryNanos, List<List<byte[]>> paths) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("read_state"));
    m.put("sender", new HashValue.Blob(sender.principal().toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiryNanos));
    List<HashValue> ps = new ArrayList<>();
    for (List<byte[]> p : paths) {
      ps.add(new HashValue.Array(p.stream().map(l -> (HashValue) new HashValue.Blob(l)).toList()));
    }
    m.put("paths", new HashValue.Array(ps));
    return Content.of(m);
  }

  /** The CBOR envelope {@code {content, sender_pubkey?, sender_sig?}} of {@code content} signed by {@code sender}. */
  public static byte[] envelope(Content content, Identity sender) {
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(content.map()));
    sender.publicKeyDer().ifPresent(k -> env.Add("sender_pubkey", k));
    sender.signRequest(content.requestId()).ifPresent(s -> env.Add("sender_sig", s));
    return Cbor.encodeWithSelfDescribeTag(env);
  }
}
