/**
 * Deterministic simulation of ICC subnets: {@link dev.jic.testkit.sim.Simulation} runs real
 * {@code ConsensusReplica}s on one thread over a virtual clock and a simulated network (latency,
 * loss with re-send, duplication, partitions that heal), with Byzantine replicas (crash,
 * silence, equivocation, double signing, bad signatures, stale/future artifacts, flooding) and
 * an honest replica that can crash and restart from its persisted pool or, with an empty disk,
 * from a peer's catch-up package. Each replica has a fake deterministic state (a hash chain over
 * delivered batches) that consensus certifies. Invariants are checked after every event: at most
 * one finalized block per height, delivered batches finalized and in order, finalized heights
 * monotonic, no ingress message delivered twice, equal state hashes and equal certified state
 * hashes at each height across honest replicas; liveness at the end, and a bound on recovery
 * after a partition heals. Two runs of one {@link dev.jic.testkit.sim.SimConfig} give the same
 * trace hash; a failing seed reproduces exactly.
 */
package dev.jic.testkit.sim;
