package dev.jic.crypto.sig;

import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.Sha;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies user signatures over a message (the domain separator already prepended) with
 * BouncyCastle's lightweight API (digest §3.1):
 *
 * <ul>
 *   <li>Ed25519: RFC 8032 over the message, 64-byte signature;
 *   <li>ECDSA P-256 and secp256k1: over {@code SHA-256(message)}, signature {@code r‖s} of 32
 *       bytes each, big-endian; {@code 1 ≤ r, s < n}. Both low and high {@code s} are accepted,
 *       as the IC does ({@code dfinity/ic} {@code basic_sig/ecdsa_secp256k1/src/api.rs} verifies
 *       "with malleability" because its earlier OpenSSL implementation never checked
 *       s-normalisation);
 *   <li>WebAuthn: see {@link WebAuthnVerifier};
 *   <li>canister signatures: {@link CanisterSignatureVerifier} when a root key (the IC root of
 *       trust) is given ({@link #verify(UserPublicKey, byte[], byte[], BlsPublicKey)}); without
 *       one, {@link VerificationResult.Unsupported}.
 * </ul>
 *
 * <p>Never throws on bad input: every problem is a {@link VerificationResult.Invalid}.
 * Thread-safe and stateless.
 */
public final class SignatureVerifier {
  private SignatureVerifier() {}

  /**
   * Verifies {@code signature} by {@code key} over {@code message} without a root of trust: a
   * canister-signature key answers {@link VerificationResult.Unsupported}.
   */
  public static VerificationResult verify(UserPublicKey key, byte[] message, byte[] signature) {
    return verify(key, message, signature, null);
  }

  /**
   * Verifies {@code signature} by {@code key} over {@code message}; canister signatures are checked
   * against {@code rootKey} ({@link CanisterSignatureVerifier}), or answer
   * {@link VerificationResult.Unsupported} if {@code rootKey} is null. Other schemes ignore
   * {@code rootKey}.
   */
  public static VerificationResult verify(UserPublicKey key, byte[] message, byte[] signature, BlsPublicKey rootKey) {
    return switch (key) {
      case UserPublicKey.Ed25519 k -> verifyEd25519(k.rawKey(), message, signature);
      case UserPublicKey.EcdsaP256 k -> verifyEcdsa(EcdsaCurves.P256, k.uncompressedPoint(), Sha.sha256(message), signature);
      case UserPublicKey.EcdsaSecp256k1 k -> verifyEcdsa(EcdsaCurves.SECP256K1, k.uncompressedPoint(), Sha.sha256(message), signature);
      case UserPublicKey.WebAuthn k -> WebAuthnVerifier.verify(k, message, signature);
      case UserPublicKey.CanisterSignature k -> rootKey == null
          ? new VerificationResult.Unsupported("canister signatures need the IC root key, which this verifier was not given (signing canister "
              + k.signingCanister() + ")")
          : CanisterSignatureVerifier.verify(k, message, signature, rootKey);
    };
  }

  /** Ed25519 (RFC 8032) verification of {@code signature} by the 32-byte {@code rawKey}. */
  public static VerificationResult verifyEd25519(byte[] rawKey, byte[] message, byte[] signature) {
    if (rawKey.length != 32) {
      return new VerificationResult.Invalid("Ed25519 public key must have 32 bytes");
    }
    if (signature.length != 64) {
      return new VerificationResult.Invalid("Ed25519 signature must have 64 bytes, got " + signature.length);
    }
    Ed25519PublicKeyParameters pk;
    try {
      pk = new Ed25519PublicKeyParameters(rawKey, 0);
    } catch (IllegalArgumentException e) {
      return new VerificationResult.Invalid("Ed25519 public key is not a valid point");
    }
    Ed25519Signer v = new Ed25519Signer();
    v.init(false, pk);
    v.update(message, 0, message.length);
    return v.verifySignature(signature) ? VerificationResult.VALID : new VerificationResult.Invalid("Ed25519 signature does not verify");
  }

  /** ECDSA over a 32-byte digest with an {@code r‖s} signature; high {@code s} accepted. */
  static VerificationResult verifyEcdsa(ECDomainParameters d, byte[] point, byte[] digest, byte[] signature) {
    if (signature.length != 64) {
      return new VerificationResult.Invalid("ECDSA signature must be r||s of 64 bytes, got " + signature.length);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    return verifyEcdsa(d, point, digest, r, s);
  }

  static VerificationResult verifyEcdsa(ECDomainParameters d, byte[] point, byte[] digest, BigInteger r, BigInteger s) {
    BigInteger n = d.getN();
    if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      return new VerificationResult.Invalid("ECDSA signature has r or s out of range");
    }
    ECPublicKeyParameters pk;
    try {
      pk = new ECPublicKeyParameters(EcdsaCurves.requireUncompressedPointOnCurve(d, point, "ECDSA"), d);
    } catch (DecodeException e) {
      return new VerificationResult.Invalid(e.getMessage());
    }
    ECDSASigner v = new ECDSASigner();
    v.init(false, pk);
    return v.verifySignature(digest, r, s) ? VerificationResult.VALID : new VerificationResult.Invalid("ECDSA signature does not verify");
  }
}
