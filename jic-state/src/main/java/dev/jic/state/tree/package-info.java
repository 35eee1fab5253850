/**
 * The certified state tree (interface spec §certification, IC-INTERFACE-DIGEST §4.5): {@code
 * /time}, {@code /request_status}, {@code /canister}, {@code /subnet}, {@code /canister_ranges},
 * built from a plain {@link dev.jic.state.tree.StateTreeInput} with the spec's value encodings,
 * hashed incrementally across heights, with pruned witnesses for {@code read_state}.
 *
 * <p><b>Safety (determinism).</b> The root hash is a pure function of the input: independent of
 * earlier inputs (caches are keyed by canister version and compared by value), of hash-map order
 * and of threads. Witnesses always reconstruct to the root hash. The fork shape of {@code
 * /canister} and {@code /request_status} is a treap fixed by the set of labels ({@code
 * TreapNode}), so it is also independent of the order of insertions and removals; any such shape
 * is a well-formed IC hash tree.
 */
package dev.jic.state.tree;
