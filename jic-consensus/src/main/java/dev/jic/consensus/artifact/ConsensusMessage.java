package dev.jic.consensus.artifact;

import dev.jic.types.unit.Height;

/**
 * Every consensus artifact exchanged between replicas. Exhaustive: roles switch over the
 * variants. Encoding and ids live in {@link ConsensusCodec}.
 */
public sealed interface ConsensusMessage
    permits BlockProposal, NotarizationShare, Notarization, FinalizationShare, Finalization, RandomBeaconShare, RandomBeacon,
    CertificationShare, Certification, CatchUpShare, CatchUpPackage, RandomTapeShare, RandomTape, EquivocationProof {

  ArtifactKind kind();

  Height height();

  /** The protocol version this artifact carries. */
  int version();
}
