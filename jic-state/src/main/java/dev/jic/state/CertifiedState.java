package dev.jic.state;

import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.cert.Certificate;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateHash;
import dev.jic.replicated.IngressStatus;
import dev.jic.state.tree.CertifiedStateTree;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A committed state whose root hash the subnet certified: everything {@code read_state} needs,
 * from one height. Immutable and thread-safe (persistent snapshots taken at commit).
 *
 * @param height the height
 * @param hash the root hash of {@link #tree()}, equal to {@code certification.hash()}
 * @param tree the certified state tree (witnesses)
 * @param certification the subnet's signature over {@code hash}
 * @param ingress the ingress history at this height (sender and receiver of each request; a
 *     persistent snapshot shared with neighbouring heights)
 * @param canisters controllers and metadata sections of each canister (permission checks)
 */
public record CertifiedState(
    dev.jic.types.unit.Height height,
    StateHash hash,
    CertifiedStateTree tree,
    StateCertificate certification,
    IngressView ingress,
    NavigableMap<CanisterId, CanisterView> canisters) {
  /** Rejects nulls and a certification of another hash or height. */
  public CertifiedState {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(ingress, "ingress");
    Objects.requireNonNull(canisters, "canisters");
    if (!certification.hash().equals(hash) || !certification.height().equals(height)) {
      throw new IllegalArgumentException("certification of another state");
    }
  }

  /** The status of request {@code id} in this state, or empty ("unknown"). */
  public Optional<IngressStatus> status(RequestId id) {
    return Optional.ofNullable(ingress.get(id));
  }

  /**
   * A {@code read_state} certificate (CBOR, tag 55799, no delegation: this subnet signs for
   * itself) whose tree reveals each of {@code paths} and {@code /time}, everything else pruned.
   * Permission checks are the caller's.
   *
   * @throws dev.jic.crypto.bls.BlsException if the certification's signature is not a 48-byte BLS
   *     signature (fake key material used by simulations)
   */
  public byte[] certificateCbor(Collection<List<byte[]>> paths) {
    List<List<byte[]>> all = new ArrayList<>(paths);
    all.add(List.of("time".getBytes(StandardCharsets.US_ASCII)));
    Certificate c =
        new Certificate(
            tree.witness(all), BlsSignature.fromBytes(certification.signature()), Optional.empty());
    return c.toCbor();
  }
}
