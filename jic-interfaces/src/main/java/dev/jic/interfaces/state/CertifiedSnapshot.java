package dev.jic.interfaces.state;

import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.messages.Blob;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * One certified state of the subnet, as the HTTPS interface reads it: permission facts and
 * certificates all answer from the same height, so a permission check and the certificate it
 * guards agree. Immutable from the caller's view; thread-safe. The implementation owns the state;
 * the caller holds the snapshot only for the duration of one request.
 */
public interface CertifiedSnapshot {

  /** The height of this certified state. */
  Height height();

  /**
   * The sender, receiver and effective id of the request {@code id} if its status is recorded in
   * this state (received, processing, replied, rejected or done), else empty.
   */
  Optional<RequestOrigin> requestOrigin(RequestId id);

  /**
   * Whether {@code sender} may read {@code /canister/<canister>/metadata/<name>}: true if the
   * canister does not exist or is empty, if it has no such section, or if the section is
   * public; for a private section, only if {@code sender} is a controller (digest §1.8).
   */
  boolean mayReadMetadata(CanisterId canister, String name, PrincipalId sender);

  /**
   * A certificate of this state, CBOR-encoded (tag 55799, {@code {tree, signature,
   * delegation?}}), whose tree is the state tree pruned to reveal exactly what lies at or below
   * each of {@code paths}, plus {@code /time} (always), with absent paths provably absent.
   * Permission checks are the caller's job; this method reveals whatever it is asked.
   *
   * @param paths read_state paths, labels as raw bytes (at most 1000 paths of 127 labels)
   */
  Blob certificate(List<List<Blob>> paths);
}
