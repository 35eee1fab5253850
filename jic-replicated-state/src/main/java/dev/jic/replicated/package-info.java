/**
 * The replicated state of a subnet: canisters (system state, execution state), call contexts,
 * messages, ingress history and subnet metadata. Shared by execution (which mutates it while
 * executing a round) and the state manager (which hashes and checkpoints it).
 *
 * <p><b>Safety (determinism).</b> Everything that is hashed or checkpointed iterates in a
 * deterministic order: canisters by id ({@link java.util.TreeMap}), call contexts and callbacks by
 * id, ingress history by message id, metadata sections by name. No wall clock, no unseeded
 * randomness. Non-replicated data (compiled modules, live Wasm instances) is kept out of this
 * package: execution holds it in its own caches keyed by canister id and module hash.
 *
 * <p><b>Ownership.</b> Records are immutable. The mutable parts ({@link dev.jic.replicated.SystemState},
 * {@link dev.jic.replicated.ExecutionState}, {@link dev.jic.replicated.CallContextManager},
 * {@link dev.jic.replicated.IngressHistory}, {@link dev.jic.replicated.ReplicatedState}) have
 * exactly one writer at a time: the execution thread that owns the canister during a round (one
 * canister is never executed by two threads at once), or message routing between rounds. The page
 * maps inside an execution state follow {@link dev.jic.pagemap.PageMap}'s threading contract.
 */
package dev.jic.replicated;
