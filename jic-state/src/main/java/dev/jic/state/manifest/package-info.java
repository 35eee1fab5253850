/**
 * Checkpoint manifests: the file and chunk tables with their hashes, a canonical versioned
 * encoding, the root hash identifying a checkpoint, and verification of a directory against a
 * manifest.
 *
 * <p><b>Safety.</b> The root hash is a deterministic function of the checkpoint's relative paths
 * and bytes; a checkpoint whose files do not match its manifest is reported with the file and
 * chunk at fault and is never used.
 */
package dev.jic.state.manifest;
