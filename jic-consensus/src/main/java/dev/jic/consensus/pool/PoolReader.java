package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.ConsensusMessageId;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of a replica's consensus pool, as roles see it. Lists are in a deterministic
 * order (arrival in the validated section, which is itself deterministic given the inputs).
 * Heights of the validated section: notarized ≥ finalized, beacon ≥ 0; all start at genesis (0).
 */
public interface PoolReader {

  Height notarizedHeight();

  Height finalizedHeight();

  Height beaconHeight();

  /** Validated artifacts below this height have been purged. */
  Height purgedBelow();

  Optional<RandomBeacon> beacon(Height h);

  List<RandomBeaconShare> beaconShares(Height h);

  List<BlockProposal> proposals(Height h);

  Optional<BlockProposal> block(CryptoHash hash);

  List<Notarization> notarizations(Height h);

  boolean isNotarized(CryptoHash blockHash);

  List<NotarizationShare> notarizationShares(Height h);

  List<Finalization> finalizations(Height h);

  List<FinalizationShare> finalizationShares(Height h);

  /** When the first notarization at {@code h} was validated here, if any. */
  Optional<Time> notarizedAt(Height h);

  /** When the beacon at {@code h} was validated here, if any. */
  Optional<Time> beaconAt(Height h);

  /** The unvalidated section in id order (height, kind, hash). */
  List<Unvalidated> unvalidated();

  boolean contains(ConsensusMessageId id);

  /** An unvalidated artifact with its arrival time and sender. */
  record Unvalidated(ConsensusMessageId id, ConsensusMessage message, Time receivedAt, NodeId from) {}
}
