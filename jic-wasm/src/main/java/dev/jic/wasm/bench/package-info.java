/**
 * The Wasm benchmark behind {@code ./jic bench wasm}: fixed kernels (in
 * {@code benchmarks/wasm/}, WAT sources next to the checked-in .wasm, plus a Motoko canister
 * fixture) run through jic's metered engine and through Node's V8. Not protocol code: it reads the
 * clock, and nothing in it is replicated.
 */
package dev.jic.wasm.bench;
