package dev.jic.consensus.artifact;

/** The consensus artifact kinds and their wire tags (stable: never renumber). */
public enum ArtifactKind {
  RANDOM_BEACON(1),
  RANDOM_BEACON_SHARE(2),
  BLOCK_PROPOSAL(3),
  NOTARIZATION(4),
  NOTARIZATION_SHARE(5),
  FINALIZATION(6),
  FINALIZATION_SHARE(7),
  CERTIFICATION_SHARE(8),
  CERTIFICATION(9),
  CATCH_UP_SHARE(10),
  CATCH_UP_PACKAGE(11),
  RANDOM_TAPE_SHARE(12),
  RANDOM_TAPE(13),
  EQUIVOCATION_PROOF(14);

  private final int tag;

  ArtifactKind(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }

  /** The kind with this tag, or null. */
  public static ArtifactKind ofTag(int tag) {
    for (ArtifactKind k : values()) {
      if (k.tag == tag) {
        return k;
      }
    }
    return null;
  }
}
