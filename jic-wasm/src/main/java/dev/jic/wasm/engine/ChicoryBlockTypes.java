package dev.jic.wasm.engine;

import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Works around a Chicory (1.7.5) decoding bug: a {@code block}/{@code loop}/{@code if} whose block
 * type is a type index that collides with a one-byte block-type code is read as that code. Index
 * 64 ({@code 0x40}) becomes the empty block type, 123..127 become {@code v128 f64 f32 i64 i32},
 * 99, 100 and 105..115 become reference types; the module is then rejected as invalid ("type
 * mismatch, mismatching stack height") although it is valid. Measured with hand-written modules:
 * every other index below 320 decodes correctly. Our rewriting passes append types (so a module
 * with 63 types gets its instrumentation block type at index 64), and a producer may use such
 * indices itself, so the engine applies this pass last, just before handing the bytes to Chicory.
 *
 * <p>The rewrite: every type used as a block type at an index in [{@value #LOW}, {@value #HIGH})
 * is appended again at an index {@code >= }{@value #HIGH} (the section is padded with copies of
 * it up to {@value #HIGH} if shorter), and those block types point to the copy. Function types are
 * structural, so validity and behaviour are unchanged; existing indices (functions,
 * {@code call_indirect}) are untouched. A module without such a block type is returned as is.
 */
public final class ChicoryBlockTypes {
  /** The first type index avoided in block types ({@code 0x40}). */
  static final int LOW = 0x40;
  /** One past the last avoided index: indices from here on encode in two bytes, none collide. */
  static final int HIGH = 0x80;

  private ChicoryBlockTypes() {}

  /** Whether {@code index} is a block-type index this pass moves. */
  static boolean avoided(int index) {
    return index >= LOW && index < HIGH;
  }

  /**
   * {@code m} with no block type referring to a type index in [{@value #LOW}, {@value #HIGH}), or
   * {@code m} itself if it has none. Expects a module whose block types name existing types (a
   * validated module); never throws on one.
   */
  public static WasmModule apply(WasmModule m) {
    TreeMap<Integer, Integer> moved = new TreeMap<>();
    for (FunctionBody body : m.code()) {
      for (Instruction ins : body.code()) {
        if (ins.imm() instanceof Imm.Block(BlockType.TypeIndex(int index)) && avoided(index)) {
          moved.put(index, -1);
        }
      }
    }
    if (moved.isEmpty()) {
      return m;
    }
    List<FuncType> types = new ArrayList<>(m.types());
    FuncType filler = types.get(moved.firstKey());
    while (types.size() < HIGH) {
      types.add(filler);
    }
    for (var e : moved.entrySet()) {
      types.add(types.get(e.getKey()));
      e.setValue(types.size() - 1);
    }
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    for (FunctionBody body : m.code()) {
      code.add(rewrite(body, moved));
    }
    return new WasmModule(types, m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
        m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
  }

  private static FunctionBody rewrite(FunctionBody body, TreeMap<Integer, Integer> moved) {
    List<Instruction> out = null;
    List<Instruction> in = body.code();
    for (int i = 0; i < in.size(); i++) {
      Instruction ins = in.get(i);
      if (ins.imm() instanceof Imm.Block(BlockType.TypeIndex(int index)) && avoided(index)) {
        if (out == null) {
          out = new ArrayList<>(in);
        }
        out.set(i, new Instruction(ins.opcode(), new Imm.Block(new BlockType.TypeIndex(moved.get(index)))));
      }
    }
    return out == null ? body : new FunctionBody(body.locals(), out);
  }
}
