package dev.jic.interfaces.http;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.messages.Blob;
import java.util.List;
import java.util.Objects;

/**
 * What the HTTPS interface of a node must know about its network to route and validate requests:
 * its own subnet, the canister ranges that subnet hosts, the root subnet and the network's root
 * public key. Immutable; a node hands out a fresh value whenever the registry changes.
 *
 * @param subnetId the subnet this node belongs to
 * @param canisterRanges the canister id ranges the subnet hosts (a request whose effective
 *     canister id lies outside them is rejected with 400)
 * @param rootSubnetId the root (NNS) subnet; equal to {@code subnetId} for a single-subnet network
 * @param rootKeyDer the DER-encoded (133 bytes) BLS public key of the root subnet, served in
 *     {@code /api/v2/status} as {@code root_key}
 */
public record SubnetInfo(SubnetId subnetId, List<CanisterIdRange> canisterRanges, SubnetId rootSubnetId, Blob rootKeyDer) {

  /** Copies the ranges; null is a programming error (NPE). */
  public SubnetInfo {
    Objects.requireNonNull(subnetId, "subnetId");
    canisterRanges = List.copyOf(canisterRanges);
    Objects.requireNonNull(rootSubnetId, "rootSubnetId");
    Objects.requireNonNull(rootKeyDer, "rootKeyDer");
  }

  /** True if some range of this subnet contains {@code id}. */
  public boolean hosts(CanisterId id) {
    for (CanisterIdRange r : canisterRanges) {
      if (r.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** True if this subnet is the root subnet (its certificates carry no delegation). */
  public boolean isRootSubnet() {
    return subnetId.equals(rootSubnetId);
  }
}
