package dev.jic.execution.systemapi;

import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.engine.HostFunction;
import dev.jic.wasm.engine.ImportResolver;
import dev.jic.wasm.validation.SystemApiSignatures;
import java.util.Optional;

/**
 * Links a canister module's {@code ic0} imports to the System API. One linker per instance; the
 * executor points it at the {@link SystemApi} of the execution about to run ({@link #bind}). Each
 * function first checks the context table ({@link Permissions}: the replica's
 * {@code "ic0_<fn>" cannot be executed in <mode> mode} violation otherwise), charges a fixed
 * overhead of {@link #OVERHEAD} instructions, decodes its arguments (i32 values as unsigned
 * 32-bit, i64 as unsigned 64-bit) and calls {@link SystemApi}.
 */
public final class Ic0Linker implements ImportResolver {
  /** Instructions charged per System API call, on top of bytes copied (jic's choice; see docs/EXECUTION.md). */
  public static final long OVERHEAD = 20;

  private final boolean wasm64;
  private SystemApi current;

  /** A linker for a module with 32-bit or 64-bit pointers. */
  public Ic0Linker(boolean wasm64) {
    this.wasm64 = wasm64;
  }

  /** Makes {@code api} the System API of the next calls into the instance (null: none). */
  public void bind(SystemApi api) {
    this.current = api;
  }

  /** The bound System API. */
  public SystemApi bound() {
    return current;
  }

  @Override
  public Optional<HostFunction> resolve(String module, String name, FuncType type) {
    if (!module.equals("ic0")) {
      return Optional.empty();
    }
    FuncType expected = SystemApiSignatures.lookup(name, wasm64);
    if (expected == null || !expected.equals(type) || !Permissions.known(name)) {
      return Optional.empty();
    }
    boolean[] i32 = new boolean[type.params().size()];
    for (int i = 0; i < i32.length; i++) {
      i32[i] = type.params().get(i) == ValType.I32;
    }
    return Optional.of((ctx, raw) -> {
      SystemApi api = current;
      if (api == null) {
        throw new IllegalStateException("ic0." + name + " called with no System API bound");
      }
      if (!Permissions.allowed(name, api.type())) {
        throw api.wrongContext(name);
      }
      ctx.charge(NumInstructions.of(OVERHEAD));
      long[] a = new long[raw.length];
      for (int i = 0; i < raw.length; i++) {
        a[i] = i32[i] ? raw[i] & 0xFFFF_FFFFL : raw[i];
      }
      return Ic0Dispatch.call(name, api, ctx, a);
    });
  }

}
