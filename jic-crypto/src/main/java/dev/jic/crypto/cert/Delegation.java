package dev.jic.crypto.cert;

import dev.jic.types.id.SubnetId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A certificate delegation: the root subnet's certificate (CBOR bytes, itself without a
 * delegation) that reveals {@code /subnet/<subnetId>/public_key} and the subnet's canister
 * ranges. Immutable; the certificate bytes are copied in and out. They are kept as bytes because
 * that is what is signed over transitively and what goes back on the wire.
 */
public record Delegation(SubnetId subnetId, byte[] certificate) {

  /** Copies {@code certificate}; null arguments are a programming error (NPE). */
  public Delegation {
    Objects.requireNonNull(subnetId, "subnetId");
    certificate = certificate.clone();
  }

  /** The CBOR bytes of the delegating certificate (a copy). */
  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Delegation d
        && subnetId.equals(d.subnetId)
        && Arrays.equals(certificate, d.certificate);
  }

  @Override
  public int hashCode() {
    return 31 * subnetId.hashCode() + Arrays.hashCode(certificate);
  }

  @Override
  public String toString() {
    return "Delegation[" + subnetId + ", " + certificate.length + " bytes, "
        + HexFormat.of().formatHex(certificate, 0, Math.min(8, certificate.length)) + "...]";
  }
}
