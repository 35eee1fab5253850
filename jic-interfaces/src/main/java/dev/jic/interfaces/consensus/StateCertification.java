package dev.jic.interfaces.consensus;

import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * The state manager as consensus sees it for certification and catch-up packages (the IC's
 * {@code StateManager::list_state_hashes_to_certify / deliver_state_certification /
 * latest_certified_height / get_state_hash_at}). The state manager owns the states; consensus
 * only reads their hashes and hands back certifications. All methods are called from the
 * replica's one consensus thread and must not block on execution.
 */
public interface StateCertification {

  /**
   * States committed after executing batches and not yet certified, in ascending height order,
   * each with its hash. Never throws; may be empty.
   */
  List<StateToCertify> statesToCertify();

  /**
   * The hash of the state at {@code h} if this replica holds it (committed and not dropped),
   * else empty. Used for catch-up packages at summary heights. Never throws.
   */
  Optional<StateHash> stateHashAt(Height h);

  /**
   * Hands over a certification whose threshold signature consensus has verified. Guarantees of
   * the implementation: if it holds the state at that height and the hashes match, it records
   * the certification and {@link #latestCertifiedHeight()} becomes at least its height
   * ({@code CERTIFIED}); if it holds no state at that height it ignores it ({@code NO_STATE});
   * if its own hash differs it returns {@code DIVERGED}, and consensus stops the replica (a
   * diverged state can never be repaired by retrying). Never throws.
   */
  DeliveryOutcome deliverCertification(StateCertificate certificate);

  /** The highest height whose state is held and certified; genesis (0) at first. Never throws. */
  Height latestCertifiedHeight();

  /**
   * Asks for the state at {@code h} whose hash is {@code hash} (certified by a catch-up package),
   * because consensus resumed from a CUP above the next batch height: the batches below it will
   * never be delivered here. Asynchronous (state sync from peers); once the state is installed,
   * message routing's expected batch height is {@code h + 1} and {@link #latestCertifiedHeight()}
   * is at least {@code h}. Consensus may repeat the request; repeats are harmless. Never throws.
   */
  void fetchState(Height h, StateHash hash);

  /** A height and the hash of the state committed there. */
  record StateToCertify(Height height, StateHash hash) {}

  /** Outcome of {@link #deliverCertification}. */
  enum DeliveryOutcome {
    CERTIFIED,
    NO_STATE,
    DIVERGED
  }

  /**
   * A state manager that never has anything to certify and whose certified height stays at 0:
   * for unit tests of roles that do not involve certification. (A subnet wired with it stalls
   * once 70 heights are notarized past the certified height, as the IC's hard stop demands.)
   */
  static StateCertification none() {
    return new StateCertification() {
      @Override
      public List<StateToCertify> statesToCertify() {
        return List.of();
      }

      @Override
      public Optional<StateHash> stateHashAt(Height h) {
        return h.value() == 0 ? Optional.of(StateHash.GENESIS) : Optional.empty();
      }

      @Override
      public DeliveryOutcome deliverCertification(StateCertificate certificate) {
        return DeliveryOutcome.NO_STATE;
      }

      @Override
      public Height latestCertifiedHeight() {
        return Height.ZERO;
      }

      @Override
      public void fetchState(Height h, StateHash hash) {}
    };
  }
}
