/**
 * jic's Wasm binary format: {@link dev.jic.wasm.binary.WasmDecoder} turns bytes into a typed
 * {@link dev.jic.wasm.binary.WasmModule} or a {@link dev.jic.wasm.binary.WasmMalformedException};
 * {@link dev.jic.wasm.binary.WasmEncoder} writes a model back. Properties: decoding never throws
 * an unchecked exception on any input; {@code decode(encode(decode(b))).equals(decode(b))};
 * encoding is deterministic. Type validation is not done here.
 */
package dev.jic.wasm.binary;
