package dev.jic.replica;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.replicated.IngressStatus;
import dev.jic.state.CanisterView;
import dev.jic.state.CertifiedState;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.id.UserId;
import dev.jic.types.messages.Blob;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of one certified state that the single-node network and the in-process subnet answer the
 * same way (their {@code CertifiedSnapshot}s delegate here). Stateless.
 */
public final class CertifiedReads {
  private CertifiedReads() {}

  /**
   * The origin of a request whose effective id was not recorded: the sender and receiver from its
   * status, and as effective id the receiver, or the subnet for calls to the management canister.
   */
  public static RequestOrigin inferredOrigin(IngressStatus s, SubnetId subnet) {
    CanisterId receiver = s.receiver();
    return new RequestOrigin(new UserId(s.user()), receiver,
        receiver.isManagement() ? new EffectiveId.Subnet(subnet) : new EffectiveId.Canister(receiver));
  }

  /** Whether {@code sender} may read metadata section {@code name}; true for unknown canisters (spec). */
  public static boolean mayReadMetadata(CertifiedState state, CanisterId canister, String name, PrincipalId sender) {
    CanisterView v = state.canisters().get(canister);
    return v == null || v.mayReadMetadata(name, sender);
  }

  /** The read_state certificate (CBOR) for {@code paths}, with {@code /time} added. */
  public static Blob certificate(CertifiedState state, List<List<Blob>> paths) {
    List<List<byte[]>> ps = new ArrayList<>(paths.size());
    for (List<Blob> p : paths) {
      ps.add(p.stream().map(Blob::toBytes).toList());
    }
    return Blob.of(state.certificateCbor(ps));
  }
}
