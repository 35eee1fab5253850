/**
 * Checkpoints: directories of immutable files published by an atomic rename, page maps stored as
 * a base file plus overlays (unchanged layers hard-linked from the previous checkpoint), served
 * lazily from memory-mapped files after a restart, and garbage collection of old checkpoints.
 *
 * <p><b>Safety.</b> A published checkpoint is complete (every file and directory fsynced before
 * the rename); a crash at any point leaves either the previous set of checkpoints or the previous
 * set plus the new complete one, never a partial one. A checkpoint is used only after its files
 * matched its manifest.
 *
 * <p><b>Liveness.</b> Leftovers of an interrupted write are removed on the next open, so a crash
 * never blocks later checkpoints.
 */
package dev.jic.state.checkpoint;
