package dev.jic.types.messages;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.cbor.CborValues;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RepresentationIndependentHash;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.id.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parses HTTPS-interface request bodies into {@link HttpRequestEnvelope}s, exactly once, at the
 * boundary (STYLE rule 4).
 *
 * <p>Guarantees: the result satisfies every limit of {@link EnvelopeLimits}; principals have at
 * most 29 bytes; {@code ingress_expiry} and {@code expiration} fit in 64 unsigned bits; the
 * request id is {@code hash_of_map} of the content map as received. Unknown envelope and content
 * fields are ignored (as the IC replica does), but still take part in the request id, as the spec
 * defines it over the whole content map.
 *
 * <p>Every failure is a {@link DecodeException} whose message names the field and is fit for an
 * HTTP 400 body. Authentication is not checked here.
 */
public final class EnvelopeParser {
  private EnvelopeParser() {}

  /** Parses a body of any request type. */
  public static HttpRequestEnvelope parse(byte[] body) throws DecodeException {
    return parse(Cbor.decode(body), Optional.empty());
  }

  /**
   * Parses a body that must carry {@code expected} as its {@code request_type} (each endpoint
   * accepts one kind).
   */
  public static HttpRequestEnvelope parse(byte[] body, RequestKind expected) throws DecodeException {
    return parse(Cbor.decode(body), Optional.of(expected));
  }

  /** Parses an already decoded envelope value. */
  public static HttpRequestEnvelope parse(CBORObject envelope, Optional<RequestKind> expected) throws DecodeException {
    if (envelope.getType() != com.upokecenter.cbor.CBORType.Map) {
      throw new DecodeException("the request body must be a CBOR map (an envelope), got " + envelope.getType());
    }
    CborMap env = CborMap.of(envelope, "");
    RequestContent content = parseContent(env.map("content"), expected);
    Optional<Blob> pubkey = env.optionalBlob("sender_pubkey").map(Blob::of);
    Optional<Blob> sig = env.optionalBlob("sender_sig").map(Blob::of);
    List<SignedDelegation> delegations = new ArrayList<>();
    Optional<List<CBORObject>> rawDelegations =
        env.optionalArray("sender_delegation", EnvelopeLimits.MAX_PARSED_DELEGATIONS);
    if (rawDelegations.isPresent()) {
      int i = 0;
      for (CBORObject d : rawDelegations.get()) {
        delegations.add(parseSignedDelegation(CborMap.of(d, "sender_delegation[" + i++ + "]")));
      }
    }
    return new HttpRequestEnvelope(content, pubkey, delegations, rawDelegations.isPresent(), sig);
  }

  /** Parses a {@code content} map. */
  public static RequestContent parseContent(CborMap c, Optional<RequestKind> expected) throws DecodeException {
    String type = c.text("request_type");
    RequestKind kind = switch (type) {
      case "call" -> RequestKind.CALL;
      case "query" -> RequestKind.QUERY;
      case "read_state" -> RequestKind.READ_STATE;
      default -> throw new DecodeException("field '" + c.field("request_type") + "' must be \"call\", \"query\" or \"read_state\", got \"" + abbreviate(type) + "\"");
    };
    if (expected.isPresent() && expected.get() != kind) {
      throw new DecodeException("this endpoint expects request_type \"" + expected.get().wireName() + "\", got \"" + type + "\"");
    }
    UserId sender = new UserId(principal(c.blob("sender"), c.field("sender")));
    long expiry = c.natU64("ingress_expiry");
    Optional<byte[]> nonceBytes = c.optionalBlob("nonce");
    if (nonceBytes.isPresent() && nonceBytes.get().length > EnvelopeLimits.MAX_NONCE_BYTES) {
      throw new DecodeException("field '" + c.field("nonce") + "' has " + nonceBytes.get().length + " bytes, more than " + EnvelopeLimits.MAX_NONCE_BYTES);
    }
    Optional<Blob> nonce = nonceBytes.map(Blob::of);
    TreeMap<String, HashValue> hashed = RepresentationIndependentHash.mapFromCbor(c);
    RequestId id = RequestId.ofContent(hashed);
    if (kind == RequestKind.READ_STATE) {
      List<List<Blob>> paths = new ArrayList<>();
      int i = 0;
      for (CBORObject p : c.array("paths", EnvelopeLimits.MAX_PATHS)) {
        String pf = c.field("paths") + "[" + i++ + "]";
        List<Blob> labels = new ArrayList<>();
        int j = 0;
        for (CBORObject l : CborValues.array(p, pf, EnvelopeLimits.MAX_PATH_LABELS)) {
          labels.add(Blob.of(CborValues.blob(l, pf + "[" + j++ + "]")));
        }
        paths.add(labels);
      }
      return new ReadStateContent(sender, paths, expiry, nonce, id, hashed);
    }
    CanisterId canister = new CanisterId(principal(c.blob("canister_id"), c.field("canister_id")));
    String method = c.text("method_name");
    Blob arg = Blob.of(c.blob("arg"));
    Optional<SenderInfo> senderInfo = Optional.empty();
    Optional<CborMap> si = c.optionalMap("sender_info");
    if (si.isPresent()) {
      CborMap m = si.get();
      senderInfo = Optional.of(new SenderInfo(
          Blob.of(m.blob("info")), principal(m.blob("signer"), m.field("signer")), Blob.of(m.blob("sig"))));
    }
    return kind == RequestKind.CALL
        ? new CallContent(sender, canister, method, arg, expiry, nonce, senderInfo, id, hashed)
        : new QueryContent(sender, canister, method, arg, expiry, nonce, senderInfo, id, hashed);
  }

  /** Parses one {@code {delegation, signature}} map. */
  public static SignedDelegation parseSignedDelegation(CborMap m) throws DecodeException {
    CborMap d = m.map("delegation");
    Blob pubkey = Blob.of(d.blob("pubkey"));
    long expiration = d.natU64("expiration");
    Optional<List<CanisterId>> targets = Optional.empty();
    Optional<List<CBORObject>> rawTargets = d.optionalArray("targets", EnvelopeLimits.MAX_DELEGATION_TARGETS);
    if (rawTargets.isPresent()) {
      List<CanisterId> ts = new ArrayList<>();
      int i = 0;
      for (CBORObject t : rawTargets.get()) {
        String f = d.field("targets") + "[" + i++ + "]";
        ts.add(new CanisterId(principal(CborValues.blob(t, f), f)));
      }
      targets = Optional.of(ts);
    }
    Optional<String> permissions = d.optionalText("permissions");
    TreeMap<String, HashValue> hashed = RepresentationIndependentHash.mapFromCbor(d);
    return new SignedDelegation(new Delegation(pubkey, expiration, targets, permissions, hashed), Blob.of(m.blob("signature")));
  }

  private static PrincipalId principal(byte[] bytes, String field) throws DecodeException {
    try {
      return PrincipalId.of(bytes);
    } catch (PrincipalFormatException e) {
      throw new DecodeException("field '" + field + "' is not a principal: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
