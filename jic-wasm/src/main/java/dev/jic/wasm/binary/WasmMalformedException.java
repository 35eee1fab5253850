package dev.jic.wasm.binary;

import dev.jic.types.encoding.DecodeException;

/**
 * The bytes are not a Wasm module in the binary format (the spec's "malformed" category): bad
 * magic or version, a truncated or over-long LEB128, an unknown section, opcode or type code,
 * section sizes that do not match, invalid UTF-8 in a name, or a gzip stream that is corrupt or
 * too large once decompressed. The message names the problem and the byte offset where known.
 */
public final class WasmMalformedException extends DecodeException {
  private static final long serialVersionUID = 1L;

  public WasmMalformedException(String message) {
    super(message);
  }

  public WasmMalformedException(String message, Throwable cause) {
    super(message, cause);
  }
}
