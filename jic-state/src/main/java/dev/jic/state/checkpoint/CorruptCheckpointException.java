package dev.jic.state.checkpoint;

import dev.jic.state.manifest.CheckpointProblem;
import dev.jic.types.unit.Height;
import java.util.List;

/**
 * A checkpoint does not match its manifest (or has none readable). Carries every problem found,
 * each naming the file and chunk. The checkpoint must not be used.
 */
public final class CorruptCheckpointException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Height height;
  private final transient List<CheckpointProblem> problems;

  /** For {@code problems} (non-empty) found in the checkpoint at {@code height}. */
  public CorruptCheckpointException(Height height, List<CheckpointProblem> problems) {
    super(
        "checkpoint at height "
            + height.value()
            + " is corrupt: "
            + String.join("; ", problems.stream().map(CheckpointProblem::describe).toList()));
    this.height = height;
    this.problems = List.copyOf(problems);
  }

  /** The checkpoint's height. */
  public Height height() {
    return height;
  }

  /** The problems found (non-empty). */
  public List<CheckpointProblem> problems() {
    return problems;
  }
}
