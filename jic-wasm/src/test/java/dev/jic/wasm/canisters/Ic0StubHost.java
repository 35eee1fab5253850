package dev.jic.wasm.canisters;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal System API host for running real canisters under Chicory in tests. It provides every
 * {@code ic0} function the module imports, with the module's own signature (so wasm32, wasm64
 * and lowered modules all link). Every call is recorded by name. Real behaviour where a canister
 * depends on it: argument data, replies and rejects, caller and self ids, debug print, trap
 * ({@link CanisterTrap}), a fixed time, the global timer, stable memory (32- and 64-bit API) and
 * method names; inter-canister calls are accepted and never answered; cycles are a fixed
 * balance; everything else returns zeros. Not the real System API (that is the execution layer's):
 * no context checks (which functions may be called from which entry point) beyond double replies.
 */
final class Ic0StubHost {
  /** ic0.trap or a misuse the stub detects: the canister traps with this message. */
  static final class CanisterTrap extends RuntimeException {
    CanisterTrap(String message) {
      super(message);
    }
  }

  /** The fixed time returned by {@code ic0.time}: 2025-01-01T00:00:00Z in nanoseconds. */
  static final long TIME_NANOS = 1_735_689_600_000_000_000L;
  /** The canister's own id: the opaque canister id with index 1 (8-byte big-endian index, then 0x01 0x01). */
  static final byte[] SELF = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
  /** The anonymous principal (IC interface spec, "Special forms of Principals"). */
  static final byte[] ANONYMOUS = {4};
  static final long CYCLE_BALANCE = 1_000_000_000_000L;
  private static final int WASM_PAGE = 65536;
  /** Stable memory cap of this stub (the IC allows far more; tests need little). */
  private static final long MAX_STABLE_PAGES = 4096;

  final List<String> calls = new ArrayList<>();
  final List<String> debugPrints = new ArrayList<>();
  long globalTimer;
  long stablePages;
  byte[] stable = new byte[0];
  byte[] certifiedData = new byte[0];

  private byte[] arg = new byte[0];
  private byte[] caller = ANONYMOUS;
  private String methodName = "";
  private ByteArrayOutputStream reply = new ByteArrayOutputStream();
  private boolean replied;
  private String rejected;

  /** The outcome of one message: a reply, a reject, or neither (e.g. a call still awaiting a response). */
  record Outcome(byte[] reply, String reject) {
    boolean isReply() {
      return reply != null;
    }
  }

  /** Starts a new message: the argument and method name it sees, with replies cleared. */
  void begin(String method, byte[] argument) {
    methodName = method;
    arg = argument.clone();
    reply = new ByteArrayOutputStream();
    replied = false;
    rejected = null;
  }

  /** What the current message produced. */
  Outcome outcome() {
    return new Outcome(replied ? reply.toByteArray() : null, rejected);
  }

  /** Host functions for every {@code ic0} function import of {@code module}. */
  ImportValues imports(WasmModule module) {
    List<ImportFunction> functions = new ArrayList<>();
    module.importSection().stream().forEach(i -> {
      if (i instanceof FunctionImport f && i.module().equals("ic0")) {
        FunctionType type = module.typeSection().getType(f.typeIndex());
        String name = f.name();
        functions.add(new HostFunction("ic0", name, type, (inst, args) -> {
          calls.add(name);
          return call(name, type, inst, args);
        }));
      }
    });
    return ImportValues.builder().withFunctions(functions).build();
  }

  /** Number of calls recorded to {@code name}. */
  long count(String name) {
    return calls.stream().filter(name::equals).count();
  }

  private long[] call(String name, FunctionType type, Instance inst, long[] raw) {
    long[] a = new long[raw.length];
    for (int i = 0; i < raw.length; i++) {
      a[i] = type.params().get(i) == ValType.I32 ? raw[i] & 0xFFFF_FFFFL : raw[i];
    }
    Memory mem = inst.memory();
    switch (name) {
      case "msg_arg_data_size" -> {
        return result(type, arg.length);
      }
      case "msg_arg_data_copy" -> copyOut(mem, arg, a[0], a[1], a[2], name);
      case "msg_caller_size" -> {
        return result(type, caller.length);
      }
      case "msg_caller_copy" -> copyOut(mem, caller, a[0], a[1], a[2], name);
      case "canister_self_size" -> {
        return result(type, SELF.length);
      }
      case "canister_self_copy" -> copyOut(mem, SELF, a[0], a[1], a[2], name);
      case "msg_method_name_size" -> {
        return result(type, methodName.getBytes(StandardCharsets.UTF_8).length);
      }
      case "msg_method_name_copy" -> copyOut(mem, methodName.getBytes(StandardCharsets.UTF_8), a[0], a[1], a[2], name);
      case "msg_reply_data_append" -> {
        if (replied) {
          throw new CanisterTrap("ic0.msg_reply_data_append called after msg_reply");
        }
        reply.writeBytes(read(mem, a[0], a[1]));
      }
      case "msg_reply" -> {
        if (replied || rejected != null) {
          throw new CanisterTrap("ic0.msg_reply called twice");
        }
        replied = true;
      }
      case "msg_reject" -> {
        if (replied || rejected != null) {
          throw new CanisterTrap("ic0.msg_reject called after a response");
        }
        rejected = new String(read(mem, a[0], a[1]), StandardCharsets.UTF_8);
      }
      case "debug_print" -> debugPrints.add(new String(read(mem, a[0], a[1]), StandardCharsets.UTF_8));
      case "trap" -> throw new CanisterTrap(new String(read(mem, a[0], a[1]), StandardCharsets.UTF_8));
      case "time" -> {
        return result(type, TIME_NANOS);
      }
      case "global_timer_set" -> {
        long old = globalTimer;
        globalTimer = a[0];
        return result(type, old);
      }
      case "canister_status" -> {
        return result(type, 1); // running
      }
      case "canister_version" -> {
        return result(type, 1);
      }
      case "in_replicated_execution" -> {
        return result(type, 1);
      }
      case "canister_cycle_balance" -> {
        return result(type, CYCLE_BALANCE);
      }
      case "canister_cycle_balance128", "canister_liquid_cycle_balance128" -> write128(mem, a[0], CYCLE_BALANCE);
      case "msg_cycles_available128", "msg_cycles_refunded128" -> write128(mem, a[0], 0);
      case "msg_cycles_accept128", "cycles_burn128" -> write128(mem, a[2], 0);
      case "certified_data_set" -> certifiedData = read(mem, a[0], a[1]);
      case "stable_size", "stable64_size" -> {
        return result(type, stablePages);
      }
      case "stable_grow", "stable64_grow" -> {
        long old = stablePages;
        if (a[0] < 0 || a[0] > MAX_STABLE_PAGES - stablePages) {
          return result(type, -1);
        }
        stablePages += a[0];
        stable = Arrays.copyOf(stable, Math.toIntExact(stablePages * WASM_PAGE));
        return result(type, old);
      }
      case "stable_read", "stable64_read" -> {
        checkStable(a[1], a[2], name);
        mem.write(addr(a[0], a[2], mem, name), stable, (int) a[1], (int) a[2]);
      }
      case "stable_write", "stable64_write" -> {
        checkStable(a[0], a[2], name);
        System.arraycopy(read(mem, a[1], a[2]), 0, stable, (int) a[0], (int) a[2]);
      }
      default -> {
        if (name.startsWith("cost_")) {
          write128(mem, a[a.length - 1], 0);
        }
        // call_new, call_data_append, call_perform (0 = queued), accept_message, ...: recorded only.
      }
    }
    return zeros(type);
  }

  private static long[] result(FunctionType type, long value) {
    if (type.returns().size() != 1) {
      throw new CanisterTrap("stub: unexpected result arity " + type);
    }
    return new long[] {type.returns().get(0) == ValType.I32 ? (int) value : value};
  }

  private static long[] zeros(FunctionType type) {
    return new long[type.returns().size()];
  }

  private static int addr(long address, long size, Memory mem, String fn) {
    long limit = (long) mem.pages() * WASM_PAGE;
    if (address < 0 || size < 0 || address + size > limit) {
      throw new CanisterTrap("ic0." + fn + ": heap range [" + address + ", +" + size + ") out of bounds");
    }
    return (int) address;
  }

  private static byte[] read(Memory mem, long address, long size) {
    return mem.readBytes(addr(address, size, mem, "read"), (int) size);
  }

  private static void copyOut(Memory mem, byte[] source, long dst, long offset, long size, String fn) {
    if (offset < 0 || size < 0 || offset + size > source.length) {
      throw new CanisterTrap("ic0." + fn + ": source range [" + offset + ", +" + size + ") out of bounds ("
          + source.length + " bytes)");
    }
    mem.write(addr(dst, size, mem, fn), source, (int) offset, (int) size);
  }

  private void checkStable(long offset, long size, String fn) {
    if (offset < 0 || size < 0 || offset + size > stable.length) {
      throw new CanisterTrap("ic0." + fn + ": stable range [" + offset + ", +" + size + ") out of bounds");
    }
  }

  private static void write128(Memory mem, long dst, long low) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (low >>> (8 * i));
    }
    mem.write(addr(dst, 16, mem, "write128"), b);
  }
}
