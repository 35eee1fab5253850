/**
 * Page maps: the storage of orthogonally persistent canister memory (Wasm heap and stable memory),
 * shared by jic-wasm (the Chicory memory over it), jic-execution (stable memory, System API) and
 * jic-state (checkpoints, manifests).
 *
 * <p><b>Safety.</b> A {@link dev.jic.pagemap.PageMap} reads exactly as its base store overlaid by
 * its committed delta and then the current message's pending pages; {@code rollback} restores the
 * committed content byte for byte; a {@link dev.jic.pagemap.PageMapSnapshot} never changes after it
 * is taken. Iteration (delta pages, dirty pages) is in ascending page order, so anything hashed or
 * written from it is deterministic. Nothing here reads clocks or randomness.
 *
 * <p><b>Cost.</b> Untouched pages cost nothing (zeros or the memory-mapped base); a page is copied
 * to the heap when first written in a message (and, by readers that cache, when first read);
 * snapshots are O(1); commit is proportional to the pages written.
 *
 * <p><b>Threads.</b> Page maps and stable memories are single-threaded (one execution thread at a
 * time); snapshots and page stores are immutable and thread-safe.
 */
package dev.jic.pagemap;
