package dev.jic.state.manifest;

/**
 * What is wrong with a checkpoint, as found by {@link ManifestVerifier}: an expected outcome of
 * reading untrusted disk content, reported as a value.
 */
public sealed interface CheckpointProblem {
  /** A one-line description naming the file (and chunk). */
  String describe();

  /** The stored manifest is missing or does not decode. */
  record ManifestUnreadable(String reason) implements CheckpointProblem {
    @Override
    public String describe() {
      return "manifest unreadable: " + reason;
    }
  }

  /** The manifest's root hash differs from the one expected for this checkpoint. */
  record RootHashMismatch(Digest32 expected, Digest32 actual) implements CheckpointProblem {
    @Override
    public String describe() {
      return "manifest root hash " + actual + " is not the expected " + expected;
    }
  }

  /** A file listed in the manifest is not there. */
  record MissingFile(String path) implements CheckpointProblem {
    @Override
    public String describe() {
      return "missing file " + path;
    }
  }

  /** A file is there that the manifest does not list. */
  record UnexpectedFile(String path) implements CheckpointProblem {
    @Override
    public String describe() {
      return "unexpected file " + path;
    }
  }

  /** A file has the wrong length. */
  record SizeMismatch(String path, long expected, long actual) implements CheckpointProblem {
    @Override
    public String describe() {
      return "file " + path + " has " + actual + " bytes, expected " + expected;
    }
  }

  /** A chunk's bytes do not hash to the manifest's chunk hash. */
  record ChunkMismatch(String path, int chunkIndex, long offset) implements CheckpointProblem {
    @Override
    public String describe() {
      return "file " + path + " chunk " + chunkIndex + " (offset " + offset + ") is corrupt";
    }
  }

  /** A file could not be read at all. */
  record Unreadable(String path, String reason) implements CheckpointProblem {
    @Override
    public String describe() {
      return "file " + path + " unreadable: " + reason;
    }
  }
}
