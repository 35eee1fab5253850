package dev.jic.wasm.binary;

/** A Wasm value type with its binary code (core 2.0: numbers, {@code v128}, two reference types). */
public enum ValType {
  I32(0x7F),
  I64(0x7E),
  F32(0x7D),
  F64(0x7C),
  V128(0x7B),
  FUNCREF(0x70),
  EXTERNREF(0x6F);

  private final int code;

  ValType(int code) {
    this.code = code;
  }

  /** The byte that encodes this type. */
  public int code() {
    return code;
  }

  /** Whether this is a reference type ({@code funcref} or {@code externref}). */
  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /** The type for {@code code}, or {@code null} if the byte is not a value type. */
  static ValType fromCode(int code) {
    for (ValType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
