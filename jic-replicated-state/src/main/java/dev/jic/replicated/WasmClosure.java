package dev.jic.replicated;

/**
 * A callback closure given to {@code ic0.call_new} / {@code ic0.call_on_cleanup}: a table index
 * (into table 0) and an environment value, both unsigned {@code I}-width values kept as 64 bits.
 */
public record WasmClosure(long tableIndex, long env) {}
