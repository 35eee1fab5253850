package dev.jic.replica;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.replicated.IngressStatus;
import dev.jic.state.CanisterView;
import dev.jic.state.CertifiedState;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.id.UserId;
import dev.jic.types.messages.Blob;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One certified state of the state manager as the HTTP layer reads it, answered the same way by
 * the single-node network and the in-process subnet (their snapshots extend this): heights,
 * certificates, metadata permissions, terminal statuses, and request origins (the one the
 * subclass recorded at acceptance, else sender/receiver inferred from the ingress history).
 * Immutable but for what {@link #recordedOrigin} reads; thread-safe if that is.
 */
public abstract class CertifiedReads implements CertifiedSnapshot {
  private final CertifiedState state;
  private final SubnetId subnet;

  /** Reads {@code state}, a state certified on {@code subnet}. */
  protected CertifiedReads(CertifiedState state, SubnetId subnet) {
    this.state = Objects.requireNonNull(state);
    this.subnet = Objects.requireNonNull(subnet);
  }

  /** The certified state read. */
  protected final CertifiedState state() {
    return state;
  }

  /**
   * The origin recorded when request {@code id} was accepted, if this replica (or a peer) recorded
   * one; asked only for requests in this state's ingress history.
   */
  protected abstract Optional<RequestOrigin> recordedOrigin(RequestId id);

  /** Whether request {@code id} has a terminal status (replied, rejected, done) at this height. */
  public final boolean isTerminal(RequestId id) {
    IngressStatus s = state.ingress().get(id);
    return s != null && s.isTerminal();
  }

  @Override
  public final Height height() {
    return state.height();
  }

  /** The recorded origin, else {@link #inferredOrigin}; empty if {@code id} is not in the history. */
  @Override
  public final Optional<RequestOrigin> requestOrigin(RequestId id) {
    IngressStatus s = state.ingress().get(id);
    if (s == null) {
      return Optional.empty();
    }
    return Optional.of(recordedOrigin(id).orElseGet(() -> inferredOrigin(s, subnet)));
  }

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
  @Override
  public final boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender) {
    CanisterView v = state.canisters().get(canister);
    return v == null || v.mayReadMetadata(name, sender);
  }

  /** The read_state certificate (CBOR) for {@code paths}, with {@code /time} added. */
  @Override
  public final Blob certificate(List<List<Blob>> paths) {
    List<List<byte[]>> ps = new ArrayList<>(paths.size());
    for (List<Blob> p : paths) {
      ps.add(p.stream().map(Blob::toBytes).toList());
    }
    return Blob.of(state.certificateCbor(ps));
  }
}
