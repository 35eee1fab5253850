package dev.jic.wasm.binary;

import dev.jic.wasm.binary.Opcodes.ImmKind;
import java.util.ArrayList;
import java.util.List;

/** Decodes instruction sequences (function bodies and constant expressions) into {@link Instruction}s. */
final class CodeDecoder {
  private CodeDecoder() {}

  /**
   * Reads instructions up to and including the {@code end} that closes the outermost level. For
   * a function body {@code mustFillLimit} requires that end to be the last byte of the body.
   */
  static List<Instruction> expression(WasmReader r, boolean mustFillLimit, boolean[] usesDataIndex)
      throws WasmMalformedException {
    List<Instruction> out = new ArrayList<>();
    int depth = 0;
    while (true) {
      if (r.atEnd()) {
        throw r.malformed(mustFillLimit ? "END opcode expected" : "unexpected end of expression");
      }
      Instruction ins = instruction(r);
      out.add(ins);
      int op = ins.opcode();
      if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) {
        depth++;
      } else if (op == Opcodes.END) {
        if (depth == 0) {
          if (mustFillLimit && !r.atEnd()) {
            throw r.malformed("section size mismatch: bytes after the function's final end");
          }
          return out;
        }
        depth--;
      } else if (op == Opcodes.MEMORY_INIT || op == Opcodes.DATA_DROP) {
        usesDataIndex[0] = true;
      }
    }
  }

  static Instruction instruction(WasmReader r) throws WasmMalformedException {
    int at = r.position();
    int first = r.u8();
    int opcode;
    if (first == Opcodes.PREFIX_MISC || first == Opcodes.PREFIX_SIMD) {
      long sub = r.u32();
      if (sub > 0xFFFF) {
        throw new WasmMalformedException("illegal opcode " + Integer.toHexString(first) + " " + sub + " (at offset " + at + ")");
      }
      opcode = first << 16 | (int) sub;
    } else {
      opcode = first;
    }
    ImmKind kind = Opcodes.kind(opcode);
    if (kind == null) {
      throw new WasmMalformedException("illegal opcode " + Opcodes.name(opcode) + " (at offset " + at + ")");
    }
    return new Instruction(opcode, immediate(r, kind));
  }

  private static Imm immediate(WasmReader r, ImmKind kind) throws WasmMalformedException {
    return switch (kind) {
      case NONE -> Imm.NONE;
      case BLOCK -> new Imm.Block(blockType(r));
      case INDEX -> new Imm.Index(r.index());
      case INDEX2 -> new Imm.Index2(r.index(), r.index());
      case BR_TABLE -> {
        int n = r.count(1);
        List<Integer> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          labels.add(r.index());
        }
        yield new Imm.BrTable(labels, r.index());
      }
      case MEMARG -> new Imm.MemArg(r.u32(), r.u64());
      case I32 -> new Imm.I32((int) r.signed(32));
      case I64 -> new Imm.I64(r.signed(64));
      case F32 -> new Imm.F32((int) r.fixed(4));
      case F64 -> new Imm.F64(r.fixed(8));
      case REF_TYPE -> new Imm.RefType(refType(r));
      case SELECT_T -> {
        int n = r.count(1);
        List<ValType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          types.add(valType(r));
        }
        yield new Imm.SelectTypes(types);
      }
      case ZERO_BYTE -> {
        zeroByte(r);
        yield Imm.NONE;
      }
      case ZERO_BYTE2 -> {
        zeroByte(r);
        zeroByte(r);
        yield Imm.NONE;
      }
      case INDEX_ZERO_BYTE -> {
        int data = r.index();
        zeroByte(r);
        yield new Imm.Index(data);
      }
      case V128 -> new Imm.V128(r.fixed(8), r.fixed(8));
      case LANE -> new Imm.Lane(r.u8());
      case MEMLANE -> {
        long align = r.u32();
        long offset = r.u64();
        yield new Imm.MemLane(align, offset, r.u8());
      }
    };
  }

  private static void zeroByte(WasmReader r) throws WasmMalformedException {
    if (r.u8() != 0) {
      throw r.malformed("zero byte expected");
    }
  }

  static BlockType blockType(WasmReader r) throws WasmMalformedException {
    int at = r.position();
    long v = r.signed(33);
    if (v < 0 && r.position() - at != 1) {
      throw r.malformed("malformed block type: a value type is a single byte");
    }
    if (v == -64) { // 0x40
      return new BlockType.Empty();
    }
    if (v < 0) {
      ValType t = ValType.fromCode((int) (v & 0x7F));
      if (t == null || v < -64) {
        throw r.malformed("malformed value type in block type");
      }
      return new BlockType.Value(t);
    }
    if (v > Integer.MAX_VALUE) {
      throw r.malformed("block type index " + v + " too large");
    }
    return new BlockType.TypeIndex((int) v);
  }

  static ValType valType(WasmReader r) throws WasmMalformedException {
    int b = r.u8();
    ValType t = ValType.fromCode(b);
    if (t == null) {
      throw r.malformed("malformed value type 0x" + Integer.toHexString(b));
    }
    return t;
  }

  static ValType refType(WasmReader r) throws WasmMalformedException {
    int b = r.u8();
    ValType t = ValType.fromCode(b);
    if (t == null || !t.isReference()) {
      throw r.malformed("malformed reference type 0x" + Integer.toHexString(b));
    }
    return t;
  }
}
