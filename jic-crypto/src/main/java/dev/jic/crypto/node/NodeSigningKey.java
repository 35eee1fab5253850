package dev.jic.crypto.node;

import dev.jic.crypto.sig.SignatureVerifier;
import dev.jic.crypto.sig.VerificationResult;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.QueryResponse;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A node's Ed25519 signing key (its "node signing key" in the registry). Derived
 * deterministically from a 32-byte seed (RFC 8032 private key), so tests and simulations are
 * reproducible; where the seed comes from (a key file, a seeded generator) is the caller's choice.
 *
 * <p>Signs query responses as the IC does (interface spec §"Request: Query call"; digest §2.3):
 * Ed25519 over {@code "\x0Bic-response" · hash_of_map(M)}. Thread-safe: signing creates its own
 * signer object per call.
 */
public final class NodeSigningKey {
  /** The RFC 8410 DER prefix of an Ed25519 public key. */
  private static final byte[] ED25519_DER_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] RESPONSE_SEPARATOR = Sha.domainSeparator("ic-response");

  private final Ed25519PrivateKeyParameters secret;
  private final byte[] publicKeyRaw;

  private NodeSigningKey(Ed25519PrivateKeyParameters secret) {
    this.secret = secret;
    this.publicKeyRaw = secret.generatePublicKey().getEncoded();
  }

  /** The key whose RFC 8032 private key is {@code seed} (32 bytes). */
  public static NodeSigningKey fromSeed(byte[] seed) {
    if (seed == null || seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    return new NodeSigningKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The 32-byte raw public key. */
  public byte[] publicKeyRaw() {
    return publicKeyRaw.clone();
  }

  /** The DER (RFC 8410 SubjectPublicKeyInfo) public key, 44 bytes, as stored in the registry. */
  public byte[] publicKeyDer() {
    return derOf(publicKeyRaw);
  }

  /** The node id: the self-authenticating principal of the DER public key. */
  public NodeId nodeId() {
    return new NodeId(PrincipalId.selfAuthenticating(publicKeyDer()));
  }

  /** An Ed25519 signature (64 bytes) over {@code message}. */
  public byte[] sign(byte[] message) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, secret);
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  /**
   * Signs a query response: Ed25519 over {@code "\x0Bic-response" · hash_of_map(M)} where
   * {@code M} is {@link QueryResponse#signedMap}.
   *
   * @param timestampNanos the node's time, ns since the epoch (unsigned); it goes into the
   *     response's {@code signatures[].timestamp}
   */
  public byte[] signQueryResponse(QueryResponse response, long timestampNanos, RequestId requestId) {
    return sign(queryResponseMessage(response, timestampNanos, requestId));
  }

  /** The bytes a node signs for a query response: separator followed by the 32-byte hash. */
  public static byte[] queryResponseMessage(QueryResponse response, long timestampNanos, RequestId requestId) {
    byte[] h = response.signedHash(timestampNanos, requestId);
    byte[] out = Arrays.copyOf(RESPONSE_SEPARATOR, RESPONSE_SEPARATOR.length + h.length);
    System.arraycopy(h, 0, out, RESPONSE_SEPARATOR.length, h.length);
    return out;
  }

  /**
   * Verifies a query-response signature by the node whose DER public key is {@code nodeKeyDer}.
   *
   * @return {@link VerificationResult.Valid}, or {@link VerificationResult.Invalid} for a wrong
   *     or malformed key or signature
   */
  public static VerificationResult verifyQueryResponse(
      byte[] nodeKeyDer, QueryResponse response, long timestampNanos, RequestId requestId, byte[] signature) {
    if (nodeKeyDer.length != ED25519_DER_PREFIX.length + 32
        || !Arrays.equals(nodeKeyDer, 0, ED25519_DER_PREFIX.length, ED25519_DER_PREFIX, 0, ED25519_DER_PREFIX.length)) {
      return new VerificationResult.Invalid("node public key is not a DER Ed25519 key");
    }
    byte[] raw = Arrays.copyOfRange(nodeKeyDer, ED25519_DER_PREFIX.length, nodeKeyDer.length);
    return SignatureVerifier.verifyEd25519(raw, queryResponseMessage(response, timestampNanos, requestId), signature);
  }

  private static byte[] derOf(byte[] raw) {
    byte[] out = Arrays.copyOf(ED25519_DER_PREFIX, ED25519_DER_PREFIX.length + 32);
    System.arraycopy(raw, 0, out, ED25519_DER_PREFIX.length, 32);
    return out;
  }

  @Override
  public String toString() {
    return "NodeSigningKey[" + nodeId() + "]";
  }
}
