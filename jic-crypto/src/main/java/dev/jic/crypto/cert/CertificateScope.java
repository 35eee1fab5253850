package dev.jic.crypto.cert;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.Objects;

/**
 * What a certificate is expected to speak for. A certificate without delegation (signed by the
 * root key) is valid for every scope. A delegated certificate from subnet {@code s} is valid for
 * {@link Canister}{@code (c)} only if {@code c} lies in the canister ranges the root subnet
 * certifies for {@code s}, and for {@link Subnet}{@code (t)} only if {@code s == t}.
 */
public sealed interface CertificateScope {

  /** A canister (the effective canister id of a request, or the canister of certified data). */
  record Canister(CanisterId canisterId) implements CertificateScope {
    /** Null is a programming error (NPE). */
    public Canister {
      Objects.requireNonNull(canisterId, "canisterId");
    }
  }

  /** A subnet (subnet read_state endpoints). */
  record Subnet(SubnetId subnetId) implements CertificateScope {
    /** Null is a programming error (NPE). */
    public Subnet {
      Objects.requireNonNull(subnetId, "subnetId");
    }
  }

  /** Scope of a canister. */
  static CertificateScope canister(CanisterId id) {
    return new Canister(id);
  }

  /** Scope of a subnet. */
  static CertificateScope subnet(SubnetId id) {
    return new Subnet(id);
  }
}
