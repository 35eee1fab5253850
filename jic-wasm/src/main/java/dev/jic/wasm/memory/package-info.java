/**
 * Wasm linear memory over page maps: {@link dev.jic.wasm.memory.PageMapMemory} (a Chicory memory
 * with copy-on-first-write per message, commit and rollback) and
 * {@link dev.jic.wasm.memory.GlobalsSnapshot} (mutable globals saved and restored with it).
 *
 * <p><b>Safety.</b> After {@code rollback()} every byte, the size and the dropped data segments
 * are exactly as at the last {@code commit()}; out-of-bounds accesses trap before changing
 * anything, as Chicory's own memory does; the same writes give the same dirty pages under the
 * interpreter and the compiler. <b>Liveness/cost.</b> Untouched pages cost no heap; an access that
 * stays in one 4 KiB page is a table lookup plus a direct array access.
 */
package dev.jic.wasm.memory;
