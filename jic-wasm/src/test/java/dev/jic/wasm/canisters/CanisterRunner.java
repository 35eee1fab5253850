package dev.jic.wasm.canisters;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.jic.types.candid.Candid;
import dev.jic.wasm.instrument.InstructionCounting;
import java.util.List;
import java.util.function.Function;

/**
 * One canister instance under Chicory's compiler with an {@link Ic0StubHost}: sends messages to
 * its exports and returns their outcomes. Like the IC, a query's changes to memory and globals
 * are rolled back when it ends (Motoko checks this: a query left in place makes the next message
 * trap with "unexpected state entering InQuery").
 */
final class CanisterRunner {
  /** A message outcome: the Candid reply rendered as text, a reject, a trap, or no response. */
  sealed interface Result {
    /** The reply, decoded without types and rendered in Candid text syntax. */
    record Reply(String candid, byte[] bytes) implements Result {}

    /** The canister called {@code ic0.msg_reject}. */
    record Reject(String message) implements Result {}

    /** The canister trapped (ic0.trap or a Wasm trap). */
    record Trap(String message) implements Result {}

    /** The message ended without a response (e.g. it awaits an inter-canister call). */
    record NoResponse() implements Result {}
  }

  final Ic0StubHost host = new Ic0StubHost();
  /** For instrumented modules: the instruction counter when the last query ended, before its rollback. */
  long counterAfterQuery;
  private final boolean metered;
  final Instance instance;

  /** Compiles {@code bytes} with Chicory's compiler and instantiates it (runs the start function). */
  CanisterRunner(byte[] bytes) {
    this(bytes, true);
  }

  /** Instantiates {@code bytes} with Chicory's compiler, or its interpreter if {@code compiled} is false. */
  CanisterRunner(byte[] bytes, boolean compiled) {
    WasmModule module = Parser.parse(bytes);
    var builder = Instance.builder(module).withImportValues(host.imports(module));
    if (compiled) {
      Function<Instance, Machine> factory = MachineFactoryCompiler.compile(module);
      builder = builder.withMachineFactory(factory);
    }
    instance = builder.build();
    boolean hasCounter = false;
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      hasCounter |= module.exportSection().getExport(i).name().equals(InstructionCounting.COUNTER_EXPORT);
    }
    metered = hasCounter;
  }

  /** Runs {@code canister_init} with an empty Candid argument list. */
  Result init() {
    return send("canister_init", "", Candid.encode(List.of(), List.of()));
  }

  /** Sends {@code arg} to {@code canister_update method}. */
  Result update(String method, byte[] arg) {
    return send("canister_update " + method, method, arg);
  }

  /** Sends {@code arg} to {@code canister_query method}, then rolls back memory and globals. */
  Result query(String method, byte[] arg) {
    var memory = instance.memory();
    int pages = memory.pages();
    byte[] heap = memory.readBytes(0, pages * 65536);
    long[] low = new long[instance.globalCount()];
    long[] high = new long[low.length];
    for (int i = 0; i < low.length; i++) {
      low[i] = instance.global(i).getValueLow();
      high[i] = instance.global(i).getValueHigh();
    }
    Result r = send("canister_query " + method, method, arg);
    // The host reads the instruction counter of a metered module before the rollback.
    counterAfterQuery = metered ? instance.exports().global(InstructionCounting.COUNTER_EXPORT).getValue() : 0;
    if (memory.pages() != pages) {
      throw new AssertionError("query " + method + " grew the memory; this test host cannot roll that back");
    }
    memory.write(0, heap);
    for (int i = 0; i < low.length; i++) {
      instance.global(i).setValueLow(low[i]);
      instance.global(i).setValueHigh(high[i]);
    }
    return r;
  }

  Result send(String export, String method, byte[] arg) {
    host.begin(method, arg);
    try {
      instance.export(export).apply();
    } catch (RuntimeException | StackOverflowError e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Ic0StubHost.CanisterTrap trap) {
          return new Result.Trap(trap.getMessage());
        }
      }
      return new Result.Trap(e.toString());
    }
    Ic0StubHost.Outcome o = host.outcome();
    if (o.isReply()) {
      try {
        return new Result.Reply(Candid.render(Candid.decodeUntyped(o.reply()).values()), o.reply());
      } catch (dev.jic.types.encoding.DecodeException e) {
        throw new AssertionError("the canister replied with bytes that are not Candid", e);
      }
    }
    return o.reject() != null ? new Result.Reject(o.reject()) : new Result.NoResponse();
  }
}
