package dev.jic.wasm.validation;

import dev.jic.wasm.binary.WasmModule;
import java.util.Map;

/** The outcome of IC module validation: a value, never an exception. */
public sealed interface IcValidationResult {
  /**
   * The module satisfies the IC's rules.
   *
   * @param module the decoded module
   * @param wasm64 whether the pointer width {@code I} is i64 (the memory is 64-bit)
   * @param icpSections the {@code icp:} custom sections by name (without the {@code icp:public }/{@code icp:private } prefix)
   */
  record Valid(WasmModule module, boolean wasm64, Map<String, IcpSection> icpSections) implements IcValidationResult {
    public Valid {
      icpSections = Map.copyOf(icpSections);
    }
  }

  /** The module is rejected for this reason (the first one found). */
  record Invalid(IcValidationError error) implements IcValidationResult {}

  /** An {@code icp:public <name>} or {@code icp:private <name>} section. */
  record IcpSection(boolean isPublic, byte[] content) {
    public IcpSection {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IcpSection p && p.isPublic == isPublic && java.util.Arrays.equals(p.content, content);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(content) * 2 + (isPublic ? 1 : 0);
    }

    @Override
    public String toString() {
      return "IcpSection[" + (isPublic ? "public" : "private") + ", " + content.length + " bytes]";
    }
  }
}
