package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.artifact.RandomTapeShare;
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

  List<CertificationShare> certificationShares(Height h);

  /** The validated certification at {@code h}, if any (at most one is kept per height). */
  Optional<Certification> certification(Height h);

  /** Validated certifications above {@code h}, ascending. */
  List<Certification> certificationsAbove(Height h);

  List<CatchUpShare> catchUpShares(Height h);

  /** The highest validated catch-up package (the genesis CUP at first). Never empty. */
  CatchUpPackage catchUpPackage();

  List<RandomTapeShare> tapeShares(Height h);

  Optional<RandomTape> tape(Height h);

  List<EquivocationProof> equivocationProofs(Height h);

  /** Every validated artifact at or above {@code h}, by height then arrival (what P2P re-advertises to a reconnecting peer). */
  List<ConsensusMessage> validatedFrom(Height h);

  /** The unvalidated section in id order (height, kind, hash). */
  List<Unvalidated> unvalidated();

  /** The unvalidated artifacts at heights ≤ {@code h}, in id order. */
  List<Unvalidated> unvalidatedAtOrBelow(Height h);

  /** The unvalidated artifacts at heights > {@code h}, in id order. */
  List<Unvalidated> unvalidatedAbove(Height h);

  boolean contains(ConsensusMessageId id);

  /** An unvalidated artifact with its arrival time and sender. */
  record Unvalidated(ConsensusMessageId id, ConsensusMessage message, Time receivedAt, NodeId from) {}
}
