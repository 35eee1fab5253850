/**
 * A local subnet of n replicas in one process ({@code jic start --nodes N}): the real ICC
 * consensus ({@code jic-consensus}), execution and state manager of every replica, wired over an
 * in-memory transport that stands where P2P will.
 *
 * <p><b>Safety.</b> Each replica is a separate state machine: its own state manager (checkpoints,
 * batch log), execution, ingress pool, consensus pool (persisted, fsynced before broadcast) and
 * keys; replicas share nothing but the transport, the clock and the Wasm compilation cache
 * (compiled code only, never instances). Batches reach execution only once finalized, in height
 * order, exactly once across restarts (the batch log is written before execution). A state is
 * served by a replica's HTTPS interface only once certified by 2f+1 replicas' threshold shares
 * (the subnet key is the root key agents verify against). A replica whose state hash differs from
 * the certified one halts ({@code DivergedStateException}); the others go on.
 *
 * <p><b>Liveness.</b> With at most f = (n-1)/3 replicas stopped or halted, the others keep
 * finalizing and certifying heights (ICC with the configured unit and notary delays); calls
 * accepted by any running replica are gossiped to all and included by whichever replica makes the
 * next block.
 *
 * <p><b>Not done.</b> State sync: a replica that falls behind a catch-up package cannot catch up
 * (it logs it). The transport is reliable and in order; the simulator in {@code jic-testkit}
 * covers lossy networks and Byzantine replicas. Gossiped ingress is not re-validated by the
 * receiving replicas (it was validated by a replica of the same subnet in the same process).
 * Keys come from a dealer seed (64-bit) under {@code <data>/keys/}, not NI-DKG.
 */
package dev.jic.replica.subnet;
