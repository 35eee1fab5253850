package dev.jic.consensus.artifact;

/**
 * Content that gets signed. {@link #signedBytes()} is the domain separator of the kind followed
 * by the canonical encoding, so a signature for one kind never verifies as another kind.
 */
public sealed interface SignedContent permits BlockMetadata, NotarizationContent, FinalizationContent, RandomBeaconContent,
    CertificationContent, CatchUpContent, RandomTapeContent {
  /** The exact bytes signed. */
  byte[] signedBytes();

  /** The protocol version the content carries. */
  int version();

  dev.jic.types.unit.Height height();
}
