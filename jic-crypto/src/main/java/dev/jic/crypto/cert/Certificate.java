package dev.jic.crypto.cert;

import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.tree.HashTree;
import dev.jic.types.encoding.DecodeException;
import java.util.Objects;
import java.util.Optional;

/**
 * An IC certificate (interface spec "Certification"): a (pruned) state tree, a BLS signature on
 * its root hash, and optionally a delegation from the root subnet to the signing subnet.
 * Immutable. A value of this type is only parsed, not verified: use {@link CertificateVerifier}.
 */
public record Certificate(HashTree tree, BlsSignature signature, Optional<Delegation> delegation) {

  /** Null arguments are a programming error (NPE). */
  public Certificate {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(delegation, "delegation");
  }

  /** The canonical CBOR bytes (tag 55799, keys tree, signature[, delegation]). */
  public byte[] toCbor() {
    return CertificateCbor.encode(this);
  }

  /**
   * Parses CBOR bytes into a certificate with a well-formed tree.
   *
   * @throws DecodeException on any malformed input (see {@link CertificateCbor#decode})
   */
  public static Certificate fromCbor(byte[] bytes) throws DecodeException {
    return CertificateCbor.decode(bytes);
  }
}
