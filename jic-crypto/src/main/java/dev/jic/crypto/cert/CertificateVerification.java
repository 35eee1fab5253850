package dev.jic.crypto.cert;

import dev.jic.types.id.SubnetId;
import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link CertificateVerifier#verify}: valid, or invalid with a typed reason. */
public sealed interface CertificateVerification {

  /** True for {@link Valid}. */
  default boolean isValid() {
    return this instanceof Valid;
  }

  /**
   * The certificate verified. {@code delegatedSubnet} is the signing subnet when the certificate
   * came with a delegation, empty when the root key signed it.
   */
  record Valid(Certificate certificate, Optional<SubnetId> delegatedSubnet)
      implements CertificateVerification {
    /** Nulls are a programming error (NPE). */
    public Valid {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(delegatedSubnet, "delegatedSubnet");
    }
  }

  /** The certificate must not be trusted; {@code detail} is for humans. */
  record Invalid(Failure failure, String detail) implements CertificateVerification {
    /** Nulls are a programming error (NPE). */
    public Invalid {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a certificate was rejected. */
  enum Failure {
    /** The certificate bytes are not a well-formed certificate. */
    MALFORMED,
    /** The signature does not verify under the expected key. */
    BAD_SIGNATURE,
    /** The delegation's certificate bytes are not a well-formed certificate. */
    DELEGATION_MALFORMED,
    /** The delegation's certificate itself has a delegation (maximum depth is 1). */
    DELEGATION_NESTED,
    /** The delegation's certificate is not signed by the root key. */
    DELEGATION_BAD_SIGNATURE,
    /** The delegation does not reveal {@code /subnet/<sid>/public_key}. */
    SUBNET_KEY_MISSING,
    /** The revealed subnet key is not a 133-byte DER BLS key. */
    SUBNET_KEY_MALFORMED,
    /** The delegation reveals no canister ranges for the subnet. */
    CANISTER_RANGES_MISSING,
    /** The revealed canister ranges are not valid CBOR ranges. */
    CANISTER_RANGES_MALFORMED,
    /** The delegated subnet may not certify for the requested scope. */
    NOT_AUTHORIZED
  }
}
