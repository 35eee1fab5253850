package dev.jic.wasm.binary;

import java.util.List;

/** The immediate operand of an instruction; which variant an opcode carries is fixed by {@link Opcodes}. */
public sealed interface Imm {
  /** No immediate. */
  record None() implements Imm {}

  /** The block type of {@code block}, {@code loop} and {@code if}. */
  record Block(BlockType type) implements Imm {}

  /** One u32 index: a label, function, local, global, table, element or data segment. */
  record Index(int index) implements Imm {}

  /**
   * Two u32 indices: {@code call_indirect} (type, table), {@code table.init} (element, table),
   * {@code table.copy} (destination, source).
   */
  record Index2(int first, int second) implements Imm {}

  /** {@code br_table}: the label vector and the default label. */
  record BrTable(List<Integer> labels, int defaultLabel) implements Imm {
    public BrTable {
      labels = List.copyOf(labels);
    }
  }

  /** A memory access: alignment exponent and offset (u64 to admit memory64). */
  record MemArg(long align, long offset) implements Imm {}

  /** {@code i32.const}. */
  record I32(int value) implements Imm {}

  /** {@code i64.const}. */
  record I64(long value) implements Imm {}

  /** {@code f32.const}, as its raw IEEE bits (NaN payloads kept). */
  record F32(int bits) implements Imm {}

  /** {@code f64.const}, as its raw IEEE bits. */
  record F64(long bits) implements Imm {}

  /** {@code ref.null}'s reference type. */
  record RefType(ValType type) implements Imm {}

  /** The value types of a typed {@code select}. */
  record SelectTypes(List<ValType> types) implements Imm {
    public SelectTypes {
      types = List.copyOf(types);
    }
  }

  /** 16 immediate bytes, little-endian halves: {@code v128.const} or the lanes of {@code i8x16.shuffle}. */
  record V128(long low, long high) implements Imm {}

  /** A SIMD lane index. */
  record Lane(int lane) implements Imm {}

  /** A SIMD lane load/store: memory access and lane. */
  record MemLane(long align, long offset, int lane) implements Imm {}

  None NONE = new None();
}
