package dev.jic.crypto.sig;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import java.util.Objects;

/**
 * A request sender's public key, parsed from its DER SubjectPublicKeyInfo by
 * {@link DerPublicKeys#parse} (interface spec §Signatures; digest §3.1). Each variant keeps the
 * exact DER it came from ({@link #der()}), from which the self-authenticating principal is derived.
 * Bytes are held as immutable {@link Blob}s, so equality is by content; keys are equal when their
 * DER encodings are.
 */
public sealed interface UserPublicKey {

  /** The DER encoding as received (a copy). */
  byte[] der();

  /** The self-authenticating principal of this key: {@code SHA-224(der) · 0x02}. */
  default PrincipalId selfAuthenticatingPrincipal() {
    return PrincipalId.selfAuthenticating(der());
  }

  /** An Ed25519 key (RFC 8410): 32 raw bytes. */
  record Ed25519(Blob key, Blob derBlob) implements UserPublicKey {
    public byte[] rawKey() {
      return key.toBytes();
    }

    @Override
    public byte[] der() {
      return derBlob.toBytes();
    }
  }

  /** An ECDSA key on NIST P-256 (secp256r1); signatures are SHA-256, {@code r‖s}. */
  record EcdsaP256(Blob point, Blob derBlob) implements UserPublicKey {
    /** The SEC1 uncompressed point {@code 04 ‖ x ‖ y}. */
    public byte[] uncompressedPoint() {
      return point.toBytes();
    }

    @Override
    public byte[] der() {
      return derBlob.toBytes();
    }
  }

  /** An ECDSA key on secp256k1; signatures are SHA-256, {@code r‖s}. */
  record EcdsaSecp256k1(Blob point, Blob derBlob) implements UserPublicKey {
    /** The SEC1 uncompressed point {@code 04 ‖ x ‖ y}. */
    public byte[] uncompressedPoint() {
      return point.toBytes();
    }

    @Override
    public byte[] der() {
      return derBlob.toBytes();
    }
  }

  /**
   * A WebAuthn key: the DER BIT STRING holds a COSE key (OID 1.3.6.1.4.1.56387.1.1). The COSE
   * key is kept as bytes; {@link SignatureVerifier} interprets it.
   */
  record WebAuthn(Blob cose, Blob derBlob) implements UserPublicKey {
    public byte[] coseKey() {
      return cose.toBytes();
    }

    @Override
    public byte[] der() {
      return derBlob.toBytes();
    }
  }

  /**
   * A canister-signature key (OID 1.3.6.1.4.1.56387.1.2): the signing canister and a seed.
   * Verifying its signatures needs the IC root key: {@link CanisterSignatureVerifier}, reached
   * through {@link SignatureVerifier#verify(UserPublicKey, byte[], byte[],
   * dev.jic.crypto.bls.BlsPublicKey)}; without a root key the answer is
   * {@link VerificationResult.Unsupported}.
   */
  record CanisterSignature(CanisterId signingCanister, Blob seedBlob, Blob derBlob) implements UserPublicKey {
    public CanisterSignature {
      Objects.requireNonNull(signingCanister, "signingCanister");
    }

    public byte[] seed() {
      return seedBlob.toBytes();
    }

    @Override
    public byte[] der() {
      return derBlob.toBytes();
    }
  }
}
