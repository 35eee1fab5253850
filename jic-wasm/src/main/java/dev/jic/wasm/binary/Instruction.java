package dev.jic.wasm.binary;

/**
 * One decoded instruction. {@code opcode} is the single opcode byte, or for prefixed opcodes
 * {@code prefix << 16 | subOpcode} (e.g. {@code 0xFC0008} is {@code memory.init}); see {@link Opcodes}.
 */
public record Instruction(int opcode, Imm imm) {
  /** An instruction without immediate. */
  public static Instruction of(int opcode) {
    return new Instruction(opcode, Imm.NONE);
  }

  @Override
  public String toString() {
    return Opcodes.name(opcode) + (imm instanceof Imm.None ? "" : " " + imm);
  }
}
