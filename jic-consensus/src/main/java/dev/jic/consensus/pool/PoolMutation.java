package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.ConsensusMessageId;
import dev.jic.types.unit.Height;

/** One change a role asks the pool writer to make. */
public sealed interface PoolMutation {

  /** A new artifact made by this node, added straight to the validated section (and broadcast). */
  record AddToValidated(ConsensusMessage message) implements PoolMutation {}

  /** An unvalidated artifact that passed validation. */
  record MoveToValidated(ConsensusMessageId id) implements PoolMutation {}

  /** An unvalidated artifact no longer needed (stale or duplicate); not a fault of the sender. */
  record RemoveFromUnvalidated(ConsensusMessageId id) implements PoolMutation {}

  /** An unvalidated artifact that is permanently invalid: removed and reported. */
  record HandleInvalid(ConsensusMessageId id, String reason) implements PoolMutation {}

  /** Drop every validated artifact below {@code height} (keeps the finalized tip's window). */
  record PurgeValidatedBelow(Height height) implements PoolMutation {}

  /** Drop every unvalidated artifact of one of {@code kinds} at or below {@code height}. */
  record PurgeUnvalidatedAtOrBelow(Height height, java.util.Set<dev.jic.consensus.artifact.ArtifactKind> kinds) implements PoolMutation {
    public PurgeUnvalidatedAtOrBelow {
      kinds = java.util.Set.copyOf(kinds);
    }
  }

  /** Drop validated notarization and finalization shares at or below {@code height}. */
  record PurgeSharesAtOrBelow(Height height) implements PoolMutation {}

  /** Drop validated certification shares at or below {@code height} (certified there). */
  record PurgeCertificationSharesAtOrBelow(Height height) implements PoolMutation {}
}
