/**
 * Deterministic simulation of ICC subnets: {@link dev.jic.testkit.sim.Simulation} runs real
 * {@code ConsensusReplica}s on one thread over a virtual clock and a simulated network, with
 * Byzantine replicas, and checks safety invariants after every event (at most one finalized
 * block per height, delivered batches finalized, in order, heights monotonic, no ingress message
 * delivered twice) and liveness at the end. Two runs of one {@link dev.jic.testkit.sim.SimConfig}
 * give the same trace hash; a failing seed reproduces exactly.
 */
package dev.jic.testkit.sim;
