package dev.jic.state.tree;

import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.interfaces.consensus.IngressId;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the certified state tree shows, as plain immutable data (the replicated state is
 * adapted to it). Maps are sorted; nothing here depends on hash-map order.
 *
 * @param time block time ({@code /time})
 * @param requestStatuses ingress statuses by request id ({@code /request_status})
 * @param canisters canisters by id ({@code /canister})
 * @param subnets subnets by id ({@code /subnet} and {@code /canister_ranges})
 */
public record StateTreeInput(
    Time time,
    NavigableMap<IngressId, RequestStatus> requestStatuses,
    NavigableMap<CanisterId, CanisterEntry> canisters,
    NavigableMap<SubnetId, SubnetEntry> subnets) {

  /** Wraps the maps unmodifiable (the caller must not modify them afterwards). */
  public StateTreeInput {
    Objects.requireNonNull(time, "time");
    requestStatuses = Collections.unmodifiableNavigableMap(requestStatuses);
    canisters = Collections.unmodifiableNavigableMap(canisters);
    subnets = Collections.unmodifiableNavigableMap(subnets);
  }

  /**
   * A canister's certified fields. {@code version} must change whenever any other field changes
   * (the tree builder reuses the hashed subtree of an unchanged version; equal versions with
   * different fields is a caller bug that the naive differential test would catch).
   *
   * @param version a counter bumped on every change of the fields below
   * @param certifiedData {@code certified_data} (at most 32 bytes)
   * @param moduleHash SHA-256 of the installed module; empty for an empty canister (then neither
   *     {@code module_hash} nor {@code metadata} is in the tree)
   * @param controllers controllers ({@code controllers}: CBOR, sorted by principal bytes)
   * @param metadata custom sections {@code icp:public <name>} / {@code icp:private <name>} by
   *     name ({@code metadata/<name>}), content only
   */
  public record CanisterEntry(
      long version,
      byte[] certifiedData,
      Optional<byte[]> moduleHash,
      List<PrincipalId> controllers,
      NavigableMap<String, byte[]> metadata) {
    /** Copies everything. */
    public CanisterEntry {
      if (certifiedData.length > 32) {
        throw new IllegalArgumentException("certified data longer than 32 bytes");
      }
      certifiedData = certifiedData.clone();
      moduleHash = moduleHash.map(byte[]::clone);
      controllers = List.copyOf(controllers);
      TreeMap<String, byte[]> m = new TreeMap<>(StateTreeInput::compareUtf8);
      metadata.forEach((k, v) -> m.put(k, v.clone()));
      metadata = Collections.unmodifiableNavigableMap(m);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof CanisterEntry e)) {
        return false;
      }
      if (version != e.version
          || !Arrays.equals(certifiedData, e.certifiedData)
          || moduleHash.isPresent() != e.moduleHash.isPresent()
          || (moduleHash.isPresent() && !Arrays.equals(moduleHash.get(), e.moduleHash.get()))
          || !controllers.equals(e.controllers)
          || !metadata.keySet().equals(e.metadata.keySet())) {
        return false;
      }
      for (var entry : metadata.entrySet()) {
        if (!Arrays.equals(entry.getValue(), e.metadata.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(version) * 31 + Arrays.hashCode(certifiedData);
    }
  }

  /**
   * A subnet's certified fields.
   *
   * @param publicKeyDer {@code public_key}: DER BLS key (133 bytes)
   * @param type {@code type}: application, system, verified_application or cloud_engine
   * @param ranges {@code canister_ranges} and one shard {@code /canister_ranges/<sid>/<first>}
   * @param nodePublicKeys {@code node/<nid>/public_key}: DER Ed25519 keys
   */
  public record SubnetEntry(
      byte[] publicKeyDer,
      String type,
      CanisterRanges ranges,
      NavigableMap<NodeId, byte[]> nodePublicKeys) {
    /** Copies everything. */
    public SubnetEntry {
      publicKeyDer = publicKeyDer.clone();
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(ranges, "ranges");
      TreeMap<NodeId, byte[]> m = new TreeMap<>();
      nodePublicKeys.forEach((k, v) -> m.put(k, v.clone()));
      nodePublicKeys = Collections.unmodifiableNavigableMap(m);
    }
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
