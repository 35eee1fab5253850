package dev.jic.wasm.binary;

import java.util.List;

/** Encodes instruction lists; the inverse of {@link CodeDecoder}, in shortest LEB128 form. */
final class CodeEncoder {
  private CodeEncoder() {}

  static void instructions(ByteSink s, List<Instruction> code) {
    for (Instruction i : code) {
      instruction(s, i);
    }
  }

  static void instruction(ByteSink s, Instruction ins) {
    int op = ins.opcode();
    int prefix = op >>> 16;
    if (prefix != 0) {
      s.u8(prefix);
      s.uleb(op & 0xFFFF);
    } else {
      s.u8(op);
    }
    Opcodes.ImmKind kind = Opcodes.kind(op);
    if (kind == null) {
      throw new IllegalArgumentException("cannot encode illegal opcode " + Opcodes.name(op));
    }
    switch (kind) {
      case ZERO_BYTE -> s.u8(0);
      case ZERO_BYTE2 -> {
        s.u8(0);
        s.u8(0);
      }
      case INDEX_ZERO_BYTE -> {
        s.uleb(((Imm.Index) ins.imm()).index());
        s.u8(0);
      }
      default -> immediate(s, ins.imm());
    }
  }

  private static void immediate(ByteSink s, Imm imm) {
    switch (imm) {
      case Imm.None n -> {}
      case Imm.Block b -> {
        switch (b.type()) {
          case BlockType.Empty e -> s.u8(0x40);
          case BlockType.Value v -> s.u8(v.type().code());
          case BlockType.TypeIndex t -> s.sleb(t.index());
        }
      }
      case Imm.Index i -> s.uleb(Integer.toUnsignedLong(i.index()));
      case Imm.Index2 i -> {
        s.uleb(Integer.toUnsignedLong(i.first()));
        s.uleb(Integer.toUnsignedLong(i.second()));
      }
      case Imm.BrTable t -> {
        s.uleb(t.labels().size());
        for (int l : t.labels()) {
          s.uleb(Integer.toUnsignedLong(l));
        }
        s.uleb(Integer.toUnsignedLong(t.defaultLabel()));
      }
      case Imm.MemArg m -> {
        s.uleb(m.align());
        s.uleb(m.offset());
      }
      case Imm.I32 c -> s.sleb(c.value());
      case Imm.I64 c -> s.sleb(c.value());
      case Imm.F32 c -> s.fixed(c.bits(), 4);
      case Imm.F64 c -> s.fixed(c.bits(), 8);
      case Imm.RefType r -> s.u8(r.type().code());
      case Imm.SelectTypes t -> {
        s.uleb(t.types().size());
        for (ValType v : t.types()) {
          s.u8(v.code());
        }
      }
      case Imm.V128 v -> {
        s.fixed(v.low(), 8);
        s.fixed(v.high(), 8);
      }
      case Imm.Lane l -> s.u8(l.lane());
      case Imm.MemLane m -> {
        s.uleb(m.align());
        s.uleb(m.offset());
        s.u8(m.lane());
      }
    }
  }
}
