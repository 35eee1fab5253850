package dev.jic.crypto.sig;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.cert.Certificate;
import dev.jic.crypto.cert.CertificateScope;
import dev.jic.crypto.cert.CertificateVerification;
import dev.jic.crypto.cert.CertificateVerifier;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies canister signatures (interface spec §"Canister signatures"; digest §3.1) against a
 * trusted root key. The public key names the signing canister {@code cid} and a {@code seed}; the
 * signature is CBOR {@code #6.55799({certificate: bytes, tree: hash-tree})}. It is valid iff
 *
 * <ol>
 *   <li>the signature bytes start with the self-describe tag {@code d9 d9 f7} (the spec requires
 *       it, and the IC's verifier refuses signatures without it), are exactly one CBOR item, a map
 *       whose {@code certificate} is an untagged byte string and whose {@code tree} is a
 *       well-formed hash tree ({@link HashTreeCbor}); other keys are ignored, as serde does in
 *       the IC;
 *   <li>{@code lookup_path(["sig", SHA-256(seed), SHA-256(message)], tree) = Found ""};
 *   <li>{@code lookup_path(["canister", cid, "certified_data"], certificate.tree) =
 *       Found(reconstruct(tree))};
 *   <li>the certificate verifies under {@code rootKey} ({@link CertificateVerifier} with scope
 *       {@code cid}: with a delegation, the delegation is root-signed, not nested, and its
 *       canister ranges contain {@code cid});
 *   <li>with a delegation, the delegation's certificate reveals {@code /subnet/<sid>/type} and it
 *       is not {@code "cloud_engine"} (spec 0.60).
 * </ol>
 *
 * <p>The certificate's {@code /time} is not checked: the spec states no freshness condition for
 * canister signatures and the IC's verifier checks none (a login's delegation is signed once and
 * used for its whole lifetime; the delegation's own {@code expiration} bounds it). So the answer is
 * a pure function of (key, message, signature, root key), which is what makes caching a valid
 * answer sound ({@link VerifiedSignatureCache}).
 *
 * <p>The cheap structural checks (2, 3) run before the BLS pairing (4), so garbage costs no
 * pairing. Never throws on untrusted input: every failure is a {@link VerificationResult.Invalid}
 * saying which check failed. Stateless and thread-safe.
 */
public final class CanisterSignatureVerifier {
  private static final byte[] SELF_DESCRIBE = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7};
  private static final byte[] SIG = ascii("sig");
  private static final byte[] CANISTER = ascii("canister");
  private static final byte[] CERTIFIED_DATA = ascii("certified_data");
  private static final byte[] SUBNET = ascii("subnet");
  private static final byte[] TYPE = ascii("type");
  private static final byte[] CLOUD_ENGINE = ascii("cloud_engine");
  private static final HexFormat HEX = HexFormat.of();

  private CanisterSignatureVerifier() {}

  /** The parsed signature: the certificate bytes and the canister's signature tree. */
  record Parsed(byte[] certificate, HashTree tree) {}

  /**
   * Verifies {@code signature} by the canister-signature {@code key} over {@code message} (the
   * domain separator already prepended), trusting {@code rootKey} as the IC root of trust.
   *
   * @return {@link VerificationResult#VALID} or {@link VerificationResult.Invalid} with the reason;
   *     never throws for any byte content
   */
  public static VerificationResult verify(
      UserPublicKey.CanisterSignature key, byte[] message, byte[] signature, BlsPublicKey rootKey) {
    Parsed parsed;
    try {
      parsed = parse(signature);
    } catch (DecodeException e) {
      return invalid("malformed signature: " + e.getMessage());
    }
    byte[] seedHash = Sha.sha256(key.seed());
    byte[] messageHash = Sha.sha256(message);
    LookupResult sig = parsed.tree().lookup(List.of(SIG, seedHash, messageHash));
    if (!(sig instanceof LookupResult.Found f)) {
      return invalid("the signature tree does not contain sig/" + HEX.formatHex(seedHash) + "/"
          + HEX.formatHex(messageHash) + " (lookup: " + sig + ")");
    }
    if (f.value().length != 0) {
      return invalid("the signature tree's leaf at sig/<seed hash>/<message hash> is not empty");
    }

    Certificate cert;
    try {
      cert = Certificate.fromCbor(parsed.certificate());
    } catch (DecodeException e) {
      return invalid("malformed certificate: " + e.getMessage());
    }
    byte[] cid = key.signingCanister().toBytes();
    LookupResult data = cert.tree().lookup(List.of(CANISTER, cid, CERTIFIED_DATA));
    if (!(data instanceof LookupResult.Found d)) {
      return invalid("the certificate does not reveal certified_data of the signing canister "
          + key.signingCanister() + " (lookup: " + data + ")");
    }
    byte[] root = parsed.tree().digest();
    if (!Arrays.equals(d.value(), root)) {
      return invalid("certified_data of " + key.signingCanister() + " is " + HEX.formatHex(d.value())
          + ", not the signature tree's root hash " + HEX.formatHex(root));
    }

    CertificateVerification v =
        CertificateVerifier.verify(cert, rootKey, CertificateScope.canister(key.signingCanister()));
    if (v instanceof CertificateVerification.Invalid bad) {
      return invalid("certificate: " + bad.failure() + ": " + bad.detail());
    }
    if (cert.delegation().isPresent()) {
      return checkSubnetType(cert);
    }
    return VerificationResult.VALID;
  }

  /**
   * Parses canister-signature bytes: the self-describe tag, one CBOR map with {@code certificate}
   * (bytes) and {@code tree} (a well-formed hash tree).
   *
   * @throws DecodeException on anything else
   */
  static Parsed parse(byte[] signature) throws DecodeException {
    if (signature.length < SELF_DESCRIBE.length
        || !Arrays.equals(signature, 0, SELF_DESCRIBE.length, SELF_DESCRIBE, 0, SELF_DESCRIBE.length)) {
      throw new DecodeException("does not start with the CBOR self-describe tag d9d9f7");
    }
    CBORObject o;
    try {
      o = CBORObject.DecodeFromBytes(signature);
    } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
      throw new DecodeException("invalid CBOR: " + e.getMessage());
    }
    if (o.getTagCount() != 1 || !o.HasMostOuterTag(55799)) {
      throw new DecodeException("expected exactly one CBOR tag, 55799, on the outside");
    }
    o = o.UntagOne();
    if (o.getType() != CBORType.Map) {
      throw new DecodeException("not a CBOR map");
    }
    CBORObject certificate = o.get("certificate");
    if (certificate == null || certificate.isTagged() || certificate.getType() != CBORType.ByteString) {
      throw new DecodeException("field certificate is missing or not an untagged byte string");
    }
    CBORObject tree = o.get("tree");
    if (tree == null) {
      throw new DecodeException("field tree is missing");
    }
    return new Parsed(certificate.GetByteString(), HashTreeCbor.fromCbor(tree));
  }

  /** Spec 0.60: a delegated certificate must reveal the subnet type, and it is not cloud_engine. */
  private static VerificationResult checkSubnetType(Certificate cert) {
    var delegation = cert.delegation().orElseThrow();
    Certificate inner;
    try {
      inner = Certificate.fromCbor(delegation.certificate());
    } catch (DecodeException e) {
      // CertificateVerifier has parsed these bytes already; kept total for safety.
      return invalid("malformed delegation certificate: " + e.getMessage());
    }
    LookupResult type = inner.tree().lookup(List.of(SUBNET, delegation.subnetId().toBytes(), TYPE));
    if (!(type instanceof LookupResult.Found t)) {
      return invalid("the delegation does not reveal /subnet/" + delegation.subnetId() + "/type (lookup: " + type + ")");
    }
    if (Arrays.equals(t.value(), CLOUD_ENGINE)) {
      return invalid("canister signatures from a cloud_engine subnet (" + delegation.subnetId() + ") are not accepted");
    }
    return VerificationResult.VALID;
  }

  private static VerificationResult invalid(String reason) {
    return new VerificationResult.Invalid("canister signature: " + reason);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
