package dev.jic.execution.systemapi;

import com.dylibso.chicory.runtime.Memory;
import dev.jic.execution.CyclesCosts;
import dev.jic.execution.HypervisorError;
import dev.jic.pagemap.StableMemory;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.WasmClosure;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import dev.jic.wasm.engine.HostContext;
import dev.jic.wasm.engine.HostTrap;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The System API state of ONE execution (one message, callback, system task or start function):
 * the semantics of every {@code ic0} function (IC-INTERFACE-DIGEST §5.3, "Semantics an implementer
 * must get right"). {@link Ic0Linker} checks the context table and decodes arguments, then calls
 * the methods here. Side effects on the canister (balance, certified data, timer, outgoing calls)
 * accumulate here and are applied by the executor only if the execution succeeds; logs are kept
 * either way.
 *
 * <p>Every failure records a {@link HypervisorError} ({@link #error()}) and throws
 * {@link HostTrap}, so the engine reports a host trap and the executor maps the recorded error in
 * {@link HypervisorError} (the one mapping place). Not thread-safe: one execution, one thread.
 */
public final class SystemApi {
  /** Largest stable memory in Wasm pages: 500 GiB (IC resource limits). */
  public static final long MAX_STABLE_PAGES = (500L << 30) >>> 16;
  /** The 32-bit stable API works only below 4 GiB = 65536 pages. */
  public static final long MAX_STABLE32_PAGES = 65_536;
  /** Longest best-effort timeout, seconds ({@code MAX_CALL_TIMEOUT_SECONDS} in the replica). */
  public static final long MAX_CALL_TIMEOUT_SECONDS = 300;
  private static final long WASM_PAGE = 65_536;

  private final ApiEnvironment env;
  private final StableMemory stable;
  private final CyclesCosts costs;
  private final Cycles freezingLimit;

  private Cycles balance;
  private Cycles accepted = Cycles.ZERO;
  private Cycles burned = Cycles.ZERO;
  private final ByteArrayOutputStream replyData = new ByteArrayOutputStream();
  private boolean responded;
  private byte[] reply;
  private String rejectMessage;
  private CallBuilder pending;
  private final List<OutgoingCall> calls = new ArrayList<>();
  private byte[] certifiedData;
  private Long globalTimer;
  private final long initialGlobalTimer;
  private final List<byte[]> logs = new ArrayList<>();
  private boolean messageAccepted;
  private HypervisorError error;

  private static final class CallBuilder {
    CanisterId callee;
    String method;
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    Cycles cycles = Cycles.ZERO;
    WasmClosure reply;
    WasmClosure reject;
    WasmClosure cleanup;
    long timeout = -1;
  }

  /**
   * @param env the execution's inputs
   * @param stable the canister's stable memory (the executor commits or rolls it back)
   * @param costs the cost table
   * @param balance the canister's balance at the start (after the execution prepayment)
   * @param freezingLimit cycles that must stay in the balance (liquid = balance - limit)
   * @param globalTimerNanos the current global timer (0 = none)
   */
  public SystemApi(ApiEnvironment env, StableMemory stable, CyclesCosts costs, Cycles balance, Cycles freezingLimit,
      long globalTimerNanos) {
    this.env = env;
    this.stable = stable;
    this.costs = costs;
    this.balance = balance;
    this.freezingLimit = freezingLimit;
    this.initialGlobalTimer = globalTimerNanos;
    this.responded = env.alreadyResponded();
  }

  // ------------------------------------------------------------------ results

  /** The context. */
  public ApiType type() {
    return env.type();
  }

  /** The inputs. */
  public ApiEnvironment env() {
    return env;
  }

  /** The recorded failure, if a System API call trapped. */
  public HypervisorError error() {
    return error;
  }

  /** The reply data if this execution replied, else null. */
  public byte[] reply() {
    return reply == null ? null : reply.clone();
  }

  /** The reject message if this execution rejected, else null. */
  public String rejectMessage() {
    return rejectMessage;
  }

  /** The working balance (accepted cycles added, attached cycles and fees taken). */
  public Cycles balance() {
    return balance;
  }

  /** Cycles accepted from the call. */
  public Cycles accepted() {
    return accepted;
  }

  /** Calls performed, in order. */
  public List<OutgoingCall> calls() {
    return List.copyOf(calls);
  }

  /** Cycles still attached to a call that was built but not performed (returned to the balance). */
  public Cycles pendingCallCycles() {
    return pending == null ? Cycles.ZERO : pending.cycles;
  }

  /** New certified data, or null if unchanged. */
  public byte[] certifiedData() {
    return certifiedData == null ? null : certifiedData.clone();
  }

  /** New global timer value, or null if unchanged. */
  public Long globalTimer() {
    return globalTimer;
  }

  /** {@code debug_print} and trap messages, in order. */
  public List<byte[]> logs() {
    return List.copyOf(logs);
  }

  /** Whether {@code ic0.accept_message} was called. */
  public boolean messageAccepted() {
    return messageAccepted;
  }

  // ------------------------------------------------------------------ failures

  /** Records {@code e} and traps the canister. */
  RuntimeException fail(HypervisorError e) {
    this.error = e;
    throw new HostTrap(e.what());
  }

  /** The replica's error for a function called in the wrong context. */
  RuntimeException wrongContext(String name) {
    return fail(new HypervisorError.UserContractViolation("\"ic0_" + name + "\" cannot be executed in " + env.type()
        + " mode", "Check the ICP documentation to make sure APIs are being called in the correct message types.",
        "calling-a-system-api-from-the-wrong-mode"));
  }

  private RuntimeException violation(String message) {
    return fail(new HypervisorError.ToolchainContractViolation(message));
  }

  // ------------------------------------------------------------------ memory helpers

  private static long heapSize(HostContext ctx) {
    Memory m = ctx.memory();
    return m == null ? 0 : (long) m.pages() * WASM_PAGE;
  }

  /** Reads {@code size} bytes at {@code src} (unsigned), trapping if outside the heap. */
  byte[] read(HostContext ctx, String fn, long src, long size) {
    checkHeap(ctx, fn, src, size);
    ctx.charge(dev.jic.types.unit.NumInstructions.of(size));
    return size == 0 ? new byte[0] : ctx.memory().readBytes((int) src, (int) size);
  }

  private void checkHeap(HostContext ctx, String fn, long addr, long size) {
    long heap = heapSize(ctx);
    if (Long.compareUnsigned(size, heap) > 0 || Long.compareUnsigned(addr, heap - size) > 0) {
      throw violation("ic0." + fn + " heap: src=" + Long.toUnsignedString(addr) + " + length="
          + Long.toUnsignedString(size) + " exceeds the slice size=" + heap);
    }
  }

  private void write(HostContext ctx, String fn, long dst, byte[] data, int off, int len) {
    checkHeap(ctx, fn, dst, len);
    ctx.charge(dev.jic.types.unit.NumInstructions.of(len));
    if (len > 0) {
      ctx.memory().write((int) dst, data, off, len);
    }
  }

  /** {@code *_copy(dst, offset, size)} of {@code data}: both ranges checked, unsigned. */
  void copyOut(HostContext ctx, String fn, byte[] data, long dst, long offset, long size) {
    if (Long.compareUnsigned(size, data.length) > 0 || Long.compareUnsigned(offset, data.length - size) > 0) {
      throw violation("ic0." + fn + ": src=" + Long.toUnsignedString(offset) + " + length="
          + Long.toUnsignedString(size) + " exceeds the slice size=" + data.length);
    }
    write(ctx, fn, dst, data, (int) offset, (int) size);
  }

  /** Writes a 128-bit amount as 16 little-endian bytes at {@code dst}. */
  void write128(HostContext ctx, String fn, long dst, Cycles c) {
    write(ctx, fn, dst, c.toLittleEndianBytes(), 0, 16);
  }

  private static Cycles cycles(long high, long low) {
    return new Cycles(high, low);
  }

  // ------------------------------------------------------------------ message data

  byte[] arg() {
    return env.arg();
  }

  byte[] caller() {
    return env.caller().toBytes();
  }

  byte[] methodName() {
    return env.methodName().getBytes(StandardCharsets.UTF_8);
  }

  int rejectCode() {
    if (env.reject() == null) {
      return 0;
    }
    return env.reject().code().code();
  }

  byte[] rejectMsg(String fn) {
    if (env.reject() == null) {
      throw violation("ic0." + fn + ": the reject code is 0 (the call was replied)");
    }
    return env.reject().message().getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ responding

  void replyDataAppend(HostContext ctx, long src, long size) {
    if (responded) {
      throw violation("ic0.msg_reply_data_append: the call is already replied");
    }
    replyData.writeBytes(read(ctx, "msg_reply_data_append", src, size));
  }

  void msgReply() {
    if (responded) {
      throw violation("ic0.msg_reply: the call is already replied");
    }
    responded = true;
    reply = replyData.toByteArray();
  }

  void reject(HostContext ctx, long src, long size) {
    if (responded) {
      throw violation("ic0.msg_reject: the call is already replied");
    }
    byte[] bytes = read(ctx, "msg_reject", src, size);
    try {
      rejectMessage = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw violation("ic0.msg_reject: invalid UTF-8 string provided");
    }
    responded = true;
  }

  // ------------------------------------------------------------------ cycles

  /** Cycles above the freezing limit. */
  Cycles liquid() {
    return balance.saturatingMinus(freezingLimit);
  }

  Cycles available() {
    return env.availableCycles().saturatingMinus(accepted);
  }

  Cycles refunded() {
    return env.refundedCycles();
  }

  Cycles accept(long high, long low) {
    Cycles amount = cycles(high, low).min(available());
    accepted = accepted.plus(amount);
    balance = balance.saturatingPlus(amount);
    return amount;
  }

  Cycles burn(long high, long low) {
    Cycles amount = cycles(high, low).min(liquid());
    balance = balance.minus(amount);
    burned = burned.plus(amount);
    return amount;
  }

  Cycles balanceNow() {
    return balance;
  }

  /** The 64-bit variants trap on amounts of 2^64 or more. */
  long to64(Cycles c) {
    if (!c.fitsIn64()) {
      throw fail(new HypervisorError.Trapped("cycles amount exceeds 64-bit representation"));
    }
    return c.low();
  }

  // ------------------------------------------------------------------ calls

  void callNew(HostContext ctx, long calleeSrc, long calleeSize, long nameSrc, long nameSize, long replyFun,
      long replyEnv, long rejectFun, long rejectEnv) {
    byte[] callee = read(ctx, "call_new", calleeSrc, calleeSize);
    byte[] name = read(ctx, "call_new", nameSrc, nameSize);
    discardPending();
    CallBuilder b = new CallBuilder();
    try {
      b.callee = CanisterId.of(callee);
    } catch (RuntimeException e) {
      throw fail(new HypervisorError.InvalidPrincipalId());
    }
    b.method = new String(name, StandardCharsets.UTF_8);
    b.reply = new WasmClosure(replyFun, replyEnv);
    b.reject = new WasmClosure(rejectFun, rejectEnv);
    pending = b;
  }

  private void discardPending() {
    if (pending != null) {
      balance = balance.saturatingPlus(pending.cycles);
      pending = null;
    }
  }

  private CallBuilder builder(String fn) {
    if (pending == null) {
      throw violation("ic0." + fn + ": the call has not been created with ic0.call_new");
    }
    return pending;
  }

  void callOnCleanup(long fun, long envValue) {
    CallBuilder b = builder("call_on_cleanup");
    if (b.cleanup != null) {
      throw violation("ic0.call_on_cleanup: the cleanup closure is already set");
    }
    b.cleanup = new WasmClosure(fun, envValue);
  }

  void callDataAppend(HostContext ctx, long src, long size) {
    CallBuilder b = builder("call_data_append");
    b.payload.writeBytes(read(ctx, "call_data_append", src, size));
  }

  void callWithBestEffortResponse(long timeoutSeconds) {
    CallBuilder b = builder("call_with_best_effort_response");
    if (b.timeout >= 0) {
      throw violation("ic0.call_with_best_effort_response: the timeout is already set");
    }
    b.timeout = Math.min(Integer.toUnsignedLong((int) timeoutSeconds), MAX_CALL_TIMEOUT_SECONDS);
  }

  void callCyclesAdd(long high, long low) {
    CallBuilder b = builder("call_cycles_add128");
    Cycles amount = cycles(high, low);
    if (amount.compareTo(liquid()) > 0) {
      throw fail(new HypervisorError.InsufficientCyclesBalance("Canister " + env.self()
          + " is out of cycles: please top up the canister with at least "
          + amount.minus(liquid()) + " additional cycles"));
    }
    balance = balance.minus(amount);
    b.cycles = b.cycles.plus(amount);
  }

  /** {@code call_perform}: 0 on success; 2 ({@code SYS_TRANSIENT}) if the fees cannot be paid. */
  int callPerform() {
    CallBuilder b = builder("call_perform");
    pending = null;
    byte[] payload = b.payload.toByteArray();
    Cycles fee = costs.xnetCall((long) b.method.getBytes(StandardCharsets.UTF_8).length + payload.length);
    Cycles prepay = costs.responsePrepayment(env.instructionLimit(), env.wasm64());
    Cycles total = fee.plus(prepay);
    if (total.compareTo(liquid()) > 0) {
      balance = balance.saturatingPlus(b.cycles);
      return RejectCode.SYS_TRANSIENT.code();
    }
    balance = balance.minus(total);
    calls.add(new OutgoingCall(b.callee, b.method, payload, b.cycles, prepay, b.reply, b.reject, b.cleanup,
        b.timeout));
    return 0;
  }

  // ------------------------------------------------------------------ stable memory

  long stableSize() {
    return stable.sizeInWasmPages();
  }

  long stableGrow(long pages, long maxPages) {
    if (pages < 0 || pages > maxPages - stable.sizeInWasmPages()) {
      return -1;
    }
    return stable.grow(pages);
  }

  void check32BitStable() {
    if (stable.sizeInWasmPages() > MAX_STABLE32_PAGES) {
      throw fail(new HypervisorError.Trapped("32 bit stable memory api used on a memory larger than 4GB"));
    }
  }

  void stableRead(HostContext ctx, long dst, long offset, long size) {
    long heap = heapSize(ctx);
    if (Long.compareUnsigned(size, heap) > 0 || Long.compareUnsigned(dst, heap - size) > 0) {
      throw fail(new HypervisorError.Trapped("heap out of bounds"));
    }
    if (Long.compareUnsigned(size, stable.sizeInBytes()) > 0
        || Long.compareUnsigned(offset, stable.sizeInBytes() - size) > 0) {
      throw fail(new HypervisorError.Trapped("stable memory out of bounds"));
    }
    ctx.charge(dev.jic.types.unit.NumInstructions.of(size));
    byte[] data = stable.read(offset, (int) size);
    ctx.memory().write((int) dst, data);
  }

  void stableWrite(HostContext ctx, long offset, long src, long size) {
    long heap = heapSize(ctx);
    if (Long.compareUnsigned(size, heap) > 0 || Long.compareUnsigned(src, heap - size) > 0) {
      throw fail(new HypervisorError.Trapped("heap out of bounds"));
    }
    if (Long.compareUnsigned(size, stable.sizeInBytes()) > 0
        || Long.compareUnsigned(offset, stable.sizeInBytes() - size) > 0) {
      throw fail(new HypervisorError.Trapped("stable memory out of bounds"));
    }
    ctx.charge(dev.jic.types.unit.NumInstructions.of(size));
    stable.write(offset, ctx.memory().readBytes((int) src, (int) size));
  }

  // ------------------------------------------------------------------ certification, timer, misc

  void certifiedDataSet(HostContext ctx, long src, long size) {
    if (Long.compareUnsigned(size, 32) > 0) {
      throw fail(new HypervisorError.UserContractViolation("ic0_certified_data_set failed because the passed data "
          + "must be no larger than 32 bytes. Found " + Long.toUnsignedString(size) + " bytes.",
          "Try certifying just the hash of your data instead of the full contents.",
          "certified-data-too-large"));
    }
    certifiedData = read(ctx, "certified_data_set", src, size);
  }

  byte[] dataCertificate(String fn) {
    if (env.dataCertificate() == null) {
      throw violation("ic0." + fn + ": no certificate available");
    }
    return env.dataCertificate();
  }

  int dataCertificatePresent() {
    return env.dataCertificate() != null ? 1 : 0;
  }

  long globalTimerSet(long timestamp) {
    long previous = globalTimer != null ? globalTimer : initialGlobalTimer;
    globalTimer = timestamp;
    return previous;
  }

  long performanceCounter(HostContext ctx, int kind) {
    long current = ctx.performanceCounter().value();
    return switch (kind) {
      case 0 -> current;
      case 1 -> env.callContextInstructions() + current;
      default -> throw fail(new HypervisorError.UserContractViolation("Error decoding performance counter type: "
          + kind, "Use `0` for instruction counter and `1` for call context instruction counter.",
          "invalid-performance-counter-type"));
    };
  }

  int isController(HostContext ctx, long src, long size) {
    byte[] bytes = read(ctx, "is_controller", src, size);
    PrincipalId p;
    try {
      p = PrincipalId.of(bytes);
    } catch (RuntimeException e) {
      throw fail(new HypervisorError.InvalidPrincipalId());
    }
    return env.controllers().contains(p) ? 1 : 0;
  }

  void debugPrint(HostContext ctx, long src, long size) {
    // Never traps (interface spec): out-of-bounds ranges print nothing.
    long heap = heapSize(ctx);
    if (Long.compareUnsigned(size, heap) > 0 || Long.compareUnsigned(src, heap - size) > 0) {
      return;
    }
    logs.add(ctx.memory().readBytes((int) src, (int) size));
  }

  RuntimeException trap(HostContext ctx, long src, long size) {
    long heap = heapSize(ctx);
    String msg;
    if (Long.compareUnsigned(size, heap) > 0 || Long.compareUnsigned(src, heap - size) > 0) {
      msg = "";
    } else {
      msg = new String(ctx.memory().readBytes((int) src, (int) size), StandardCharsets.UTF_8);
    }
    logs.add(("[TRAP]: " + msg).getBytes(StandardCharsets.UTF_8));
    return fail(new HypervisorError.CalledTrap(msg));
  }

  void acceptMessage() {
    if (messageAccepted) {
      throw violation("ic0.accept_message: the function was already called.");
    }
    messageAccepted = true;
  }

  // ------------------------------------------------------------------ environment variables

  private Map.Entry<String, String> envVarAt(long index) {
    List<Map.Entry<String, String>> all = new ArrayList<>(env.envVars().entrySet());
    if (index < 0 || index >= all.size()) {
      throw fail(new HypervisorError.UserContractViolation("Environment variable index " + Long.toUnsignedString(index)
          + " is out of bounds. The number of environment variables is " + all.size() + ".", "", ""));
    }
    return all.get((int) index);
  }

  long envVarCount() {
    return env.envVars().size();
  }

  byte[] envVarName(long index) {
    return envVarAt(index).getKey().getBytes(StandardCharsets.UTF_8);
  }

  int envVarExists(HostContext ctx, long src, long size) {
    return env.envVars().containsKey(new String(read(ctx, "env_var_name_exists", src, size), StandardCharsets.UTF_8))
        ? 1 : 0;
  }

  byte[] envVarValue(HostContext ctx, String fn, long src, long size) {
    String name = new String(read(ctx, fn, src, size), StandardCharsets.UTF_8);
    String v = env.envVars().get(name);
    if (v == null) {
      throw fail(new HypervisorError.UserContractViolation("Environment variable " + name + " not found.", "", ""));
    }
    return v.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ costs

  CyclesCosts costs() {
    return costs;
  }

  /** Known threshold keys and the size of the subnet holding them (mainnet: key_1 on 34 nodes). */
  static int keySubnetSize(String keyName) {
    return switch (keyName) {
      case "key_1" -> 34;
      case "test_key_1", "dfx_test_key" -> 13;
      default -> -1;
    };
  }

  /** Helper for {@code cost_sign_with_*}: 0 ok, 1 bad curve/algorithm, 2 unknown key. */
  int costSign(HostContext ctx, String fn, long src, long size, int curve, int maxCurve, long dst) {
    String name = new String(read(ctx, fn, src, size), StandardCharsets.UTF_8);
    if (curve < 0 || curve > maxCurve) {
      return 1;
    }
    int n = keySubnetSize(name);
    if (n < 0) {
      return 2;
    }
    write128(ctx, fn, dst, CyclesCosts.signature(n));
    return 0;
  }

  static Cycles unsigned(long v) {
    return Cycles.of(new BigInteger(Long.toUnsignedString(v)));
  }
}
