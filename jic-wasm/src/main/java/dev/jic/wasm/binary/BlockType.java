package dev.jic.wasm.binary;

/** The type of a {@code block}, {@code loop} or {@code if}: empty, one value type, or a type index. */
public sealed interface BlockType {
  /** {@code 0x40}: no parameters, no results. */
  record Empty() implements BlockType {}

  /** A single result of this type. */
  record Value(ValType type) implements BlockType {}

  /** The function type at this index of the type section (multi-value). */
  record TypeIndex(int index) implements BlockType {}
}
