package dev.jic.crypto.auth;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RepresentationIndependentHash;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.EnvelopeParser;
import dev.jic.types.messages.HttpRequestEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Builds signed request envelopes the way agents do, for authenticator tests. */
public final class SignedRequests {
  private SignedRequests() {}

  public static final long NOW = 1_700_000_000_000_000_000L;
  public static final long MINUTE = 60_000_000_000L;
  public static final CanisterId CANISTER = CanisterId.fromU64(7);

  public static TreeMap<String, HashValue> content(String type, PrincipalId sender, long expiry) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text(type));
    m.put("sender", new HashValue.Blob(sender.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    if (type.equals("read_state")) {
      m.put("paths", new HashValue.Array(List.of(new HashValue.Array(List.of(new HashValue.Blob("time".getBytes()))))));
    } else {
      m.put("canister_id", new HashValue.Blob(CANISTER.toBytes()));
      m.put("method_name", new HashValue.Text("greet"));
      m.put("arg", new HashValue.Blob(new byte[] {'D', 'I', 'D', 'L', 0, 0}));
    }
    return m;
  }

  /** One link: the delegated key, expiry, optional targets and permissions. */
  public record Link(TestIdentity to, long expiration, Optional<List<CanisterId>> targets, Optional<String> permissions) {
    public static Link to(TestIdentity id, long expiration) {
      return new Link(id, expiration, Optional.empty(), Optional.empty());
    }

    public Link targets(CanisterId... ts) {
      return new Link(to, expiration, Optional.of(List.of(ts)), permissions);
    }

    public Link permissions(String p) {
      return new Link(to, expiration, targets, Optional.of(p));
    }

    TreeMap<String, HashValue> map() {
      TreeMap<String, HashValue> d = new TreeMap<>();
      d.put("pubkey", new HashValue.Blob(to.der()));
      d.put("expiration", HashValue.Nat.ofUnsigned(expiration));
      targets.ifPresent(t -> d.put("targets", new HashValue.Array(t.stream().map(c -> (HashValue) new HashValue.Blob(c.toBytes())).toList())));
      permissions.ifPresent(p -> d.put("permissions", new HashValue.Text(p)));
      return d;
    }
  }

  /** A chain of links, each signed by the previous key (the first by {@code root}). */
  public static CBORObject chain(TestIdentity root, List<Link> links) {
    CBORObject arr = CBORObject.NewArray();
    TestIdentity signer = root;
    for (Link l : links) {
      TreeMap<String, HashValue> d = l.map();
      byte[] msg = concat(Sha.domainSeparator("ic-request-auth-delegation"), RepresentationIndependentHash.hashOfMap(d));
      arr.Add(CBORObject.NewOrderedMap().Add("delegation", HashValueCbor.mapToCbor(d)).Add("signature", signer.sign(msg)));
      signer = l.to();
    }
    return arr;
  }

  /** The envelope bytes of {@code content} signed by {@code signer} under {@code root}'s key. */
  public static byte[] signedBody(TreeMap<String, HashValue> content, TestIdentity root, List<Link> links, TestIdentity signer) {
    RequestId id = RequestId.ofContent(content);
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(content));
    env.Add("sender_pubkey", root.der());
    if (!links.isEmpty()) {
      env.Add("sender_delegation", chain(root, links));
    }
    env.Add("sender_sig", signer.sign(concat(Sha.domainSeparator("ic-request"), id.toBytes())));
    return Cbor.encodeWithSelfDescribeTag(env);
  }

  public static HttpRequestEnvelope signed(String type, TestIdentity id, long expiry) {
    return parse(signedBody(content(type, id.principal(), expiry), id, List.of(), id));
  }

  public static HttpRequestEnvelope delegated(String type, TestIdentity root, List<Link> links) {
    TestIdentity last = links.isEmpty() ? root : links.get(links.size() - 1).to();
    return parse(signedBody(content(type, root.principal(), NOW + MINUTE), root, links, last));
  }

  public static HttpRequestEnvelope parse(byte[] body) {
    try {
      return EnvelopeParser.parse(body);
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static List<Link> links(Link... ls) {
    return new ArrayList<>(List.of(ls));
  }
}
