/**
 * The file-system seam of the state manager: every write, link, fsync and rename of a checkpoint
 * goes through {@link dev.jic.state.fs.CheckpointFs}, so crash tests can fail any single operation.
 */
package dev.jic.state.fs;
