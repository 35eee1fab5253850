package dev.jic.crypto.cert;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsException;
import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.cert.CertificateVerification.Failure;
import dev.jic.crypto.cert.CertificateVerification.Invalid;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.crypto.tree.SubtreeLookup;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec's {@code verify_cert} with delegation scoping (interface spec "Certification",
 * "Delegation"). Stateless and thread-safe. Never throws on untrusted input: every failure is a
 * {@link CertificateVerification.Invalid} value.
 *
 * <p>Steps: parse; if there is a delegation, parse its certificate, require that it has no
 * delegation of its own, verify its signature under the root key, look up
 * {@code /subnet/<sid>/public_key} (DER BLS key), and check the scope: for a canister, the
 * canister must lie in the certified ranges of {@code sid} (the union of the shards under
 * {@code /canister_ranges/<sid>} and the legacy {@code /subnet/<sid>/canister_ranges}); for a
 * subnet, {@code sid} must be that subnet. Finally the signature must verify under the root key
 * (no delegation) or the subnet key. Freshness of {@code /time} is not checked here: see
 * {@link CertificateTime}.
 */
public final class CertificateVerifier {
  private static final byte[] SUBNET = utf8("subnet");
  private static final byte[] PUBLIC_KEY = utf8("public_key");
  private static final byte[] CANISTER_RANGES = utf8("canister_ranges");

  private CertificateVerifier() {}

  /** Parses and verifies CBOR certificate bytes. */
  public static CertificateVerification verify(
      byte[] certificate, BlsPublicKey rootKey, CertificateScope scope) {
    Certificate cert;
    try {
      cert = Certificate.fromCbor(certificate);
    } catch (DecodeException e) {
      return new Invalid(Failure.MALFORMED, e.getMessage());
    }
    return verify(cert, rootKey, scope);
  }

  /** {@link #verify(byte[], BlsPublicKey, CertificateScope)} for an effective canister id. */
  public static CertificateVerification verify(
      byte[] certificate, BlsPublicKey rootKey, CanisterId effectiveCanisterId) {
    return verify(certificate, rootKey, CertificateScope.canister(effectiveCanisterId));
  }

  /** {@link #verify(byte[], BlsPublicKey, CertificateScope)} for an effective subnet id. */
  public static CertificateVerification verify(
      byte[] certificate, BlsPublicKey rootKey, SubnetId effectiveSubnetId) {
    return verify(certificate, rootKey, CertificateScope.subnet(effectiveSubnetId));
  }

  /** Verifies a parsed certificate. */
  public static CertificateVerification verify(
      Certificate cert, BlsPublicKey rootKey, CertificateScope scope) {
    BlsPublicKey key = rootKey;
    Optional<SubnetId> delegated = Optional.empty();
    if (cert.delegation().isPresent()) {
      Delegation d = cert.delegation().get();
      Certificate inner;
      try {
        inner = Certificate.fromCbor(d.certificate());
      } catch (DecodeException e) {
        return new Invalid(Failure.DELEGATION_MALFORMED, e.getMessage());
      }
      if (inner.delegation().isPresent()) {
        return new Invalid(Failure.DELEGATION_NESTED, "a delegation certificate has a delegation");
      }
      if (!signatureValid(inner, rootKey)) {
        return new Invalid(
            Failure.DELEGATION_BAD_SIGNATURE, "delegation not signed by the root key");
      }
      byte[] sid = d.subnetId().toBytes();
      if (!(inner.tree().lookup(List.of(SUBNET, sid, PUBLIC_KEY))
          instanceof LookupResult.Found found)) {
        return new Invalid(
            Failure.SUBNET_KEY_MISSING, "no /subnet/" + d.subnetId() + "/public_key in delegation");
      }
      try {
        key = BlsDer.decode(found.value());
      } catch (BlsException e) {
        return new Invalid(Failure.SUBNET_KEY_MALFORMED, e.getMessage());
      }
      CertificateVerification scoped = checkScope(inner.tree(), d.subnetId(), scope);
      if (scoped != null) {
        return scoped;
      }
      delegated = Optional.of(d.subnetId());
    }
    if (!signatureValid(cert, key)) {
      return new Invalid(
          Failure.BAD_SIGNATURE,
          delegated.isPresent() ? "signature invalid under the subnet key" : "signature invalid under the root key");
    }
    return new CertificateVerification.Valid(cert, delegated);
  }

  private static boolean signatureValid(Certificate cert, BlsPublicKey key) {
    return BlsBasic.verify(
        key, cert.signature(), CertificateSigner.signedMessage(cert.tree().digest()));
  }

  /** Null if the delegated subnet may speak for {@code scope}, else the failure. */
  private static CertificateVerification checkScope(
      HashTree delegationTree, SubnetId subnet, CertificateScope scope) {
    return switch (scope) {
      case CertificateScope.Subnet s ->
          s.subnetId().equals(subnet)
              ? null
              : new Invalid(
                  Failure.NOT_AUTHORIZED,
                  "delegation is for subnet " + subnet + ", not " + s.subnetId());
      case CertificateScope.Canister c -> checkCanister(delegationTree, subnet, c.canisterId());
    };
  }

  private static CertificateVerification checkCanister(
      HashTree tree, SubnetId subnet, CanisterId canister) {
    List<CanisterRanges> found;
    try {
      found = certifiedRanges(tree, subnet);
    } catch (DecodeException e) {
      return new Invalid(Failure.CANISTER_RANGES_MALFORMED, e.getMessage());
    }
    if (found.isEmpty()) {
      return new Invalid(
          Failure.CANISTER_RANGES_MISSING, "no canister ranges for subnet " + subnet + " in delegation");
    }
    for (CanisterRanges r : found) {
      if (r.contains(canister)) {
        return null;
      }
    }
    return new Invalid(
        Failure.NOT_AUTHORIZED, "canister " + canister + " is outside the ranges of subnet " + subnet);
  }

  /**
   * The canister ranges a (root-signed) tree certifies for {@code subnet}: every revealed shard
   * under {@code /canister_ranges/<sid>} and the legacy {@code /subnet/<sid>/canister_ranges}.
   * Empty if none is revealed.
   *
   * @throws DecodeException if a revealed value is not valid ranges CBOR
   */
  public static List<CanisterRanges> certifiedRanges(HashTree tree, SubnetId subnet)
      throws DecodeException {
    byte[] sid = subnet.toBytes();
    List<CanisterRanges> out = new ArrayList<>();
    if (tree.lookupSubtree(List.of(CANISTER_RANGES, sid)) instanceof SubtreeLookup.Found) {
      for (byte[] shard : HashTreeLookup.lookupAll(tree, List.of(CANISTER_RANGES, sid))) {
        out.add(CanisterRanges.fromCbor(shard));
      }
    }
    if (tree.lookup(List.of(SUBNET, sid, CANISTER_RANGES)) instanceof LookupResult.Found f) {
      out.add(CanisterRanges.fromCbor(f.value()));
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
