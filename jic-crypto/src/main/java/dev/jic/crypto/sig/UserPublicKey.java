package dev.jic.crypto.sig;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A request sender's public key, parsed from its DER SubjectPublicKeyInfo by
 * {@link DerPublicKeys#parse} (interface spec §Signatures; digest §3.1). Each variant keeps the
 * exact DER it came from ({@link #der()}), from which the self-authenticating principal is derived.
 */
public sealed interface UserPublicKey {

  /** The DER encoding as received (a copy). */
  byte[] der();

  /** The self-authenticating principal of this key: {@code SHA-224(der) · 0x02}. */
  default PrincipalId selfAuthenticatingPrincipal() {
    return PrincipalId.selfAuthenticating(der());
  }

  /** An Ed25519 key (RFC 8410): 32 raw bytes. */
  record Ed25519(byte[] rawKey, byte[] derBytes) implements UserPublicKey {
    public Ed25519 {
      rawKey = rawKey.clone();
      derBytes = derBytes.clone();
    }

    @Override
    public byte[] rawKey() {
      return rawKey.clone();
    }

    @Override
    public byte[] der() {
      return derBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ed25519 k && Arrays.equals(derBytes, k.derBytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
      return "Ed25519[" + HexFormat.of().formatHex(rawKey) + "]";
    }
  }

  /** An ECDSA key on NIST P-256 (secp256r1); signatures are SHA-256, {@code r‖s}. */
  record EcdsaP256(byte[] uncompressedPoint, byte[] derBytes) implements UserPublicKey {
    public EcdsaP256 {
      uncompressedPoint = uncompressedPoint.clone();
      derBytes = derBytes.clone();
    }

    @Override
    public byte[] uncompressedPoint() {
      return uncompressedPoint.clone();
    }

    @Override
    public byte[] der() {
      return derBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EcdsaP256 k && Arrays.equals(derBytes, k.derBytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
      return "EcdsaP256[" + HexFormat.of().formatHex(uncompressedPoint) + "]";
    }
  }

  /** An ECDSA key on secp256k1; signatures are SHA-256, {@code r‖s}. */
  record EcdsaSecp256k1(byte[] uncompressedPoint, byte[] derBytes) implements UserPublicKey {
    public EcdsaSecp256k1 {
      uncompressedPoint = uncompressedPoint.clone();
      derBytes = derBytes.clone();
    }

    @Override
    public byte[] uncompressedPoint() {
      return uncompressedPoint.clone();
    }

    @Override
    public byte[] der() {
      return derBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EcdsaSecp256k1 k && Arrays.equals(derBytes, k.derBytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
      return "EcdsaSecp256k1[" + HexFormat.of().formatHex(uncompressedPoint) + "]";
    }
  }

  /**
   * A WebAuthn key: the DER BIT STRING holds a COSE key (OID 1.3.6.1.4.1.56387.1.1). The COSE
   * key is kept as bytes; {@link SignatureVerifier} interprets it.
   */
  record WebAuthn(byte[] coseKey, byte[] derBytes) implements UserPublicKey {
    public WebAuthn {
      coseKey = coseKey.clone();
      derBytes = derBytes.clone();
    }

    @Override
    public byte[] coseKey() {
      return coseKey.clone();
    }

    @Override
    public byte[] der() {
      return derBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof WebAuthn k && Arrays.equals(derBytes, k.derBytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
      return "WebAuthn[" + HexFormat.of().formatHex(coseKey) + "]";
    }
  }

  /**
   * A canister-signature key (OID 1.3.6.1.4.1.56387.1.2): the signing canister and a seed.
   * Verifying its signatures needs certified state and the root key, which this layer does not
   * have yet: {@link SignatureVerifier} answers {@link VerificationResult.Unsupported}.
   */
  record CanisterSignature(CanisterId signingCanister, byte[] seed, byte[] derBytes) implements UserPublicKey {
    public CanisterSignature {
      Objects.requireNonNull(signingCanister, "signingCanister");
      seed = seed.clone();
      derBytes = derBytes.clone();
    }

    @Override
    public byte[] seed() {
      return seed.clone();
    }

    @Override
    public byte[] der() {
      return derBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CanisterSignature k && Arrays.equals(derBytes, k.derBytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(derBytes);
    }

    @Override
    public String toString() {
      return "CanisterSignature[" + signingCanister + ", seed=" + HexFormat.of().formatHex(seed) + "]";
    }
  }
}
