package dev.jic.execution.systemapi;

/**
 * The context a piece of canister code runs in (interface spec, ic0 import table legend). Each
 * has the legend's code ({@link #code()}) used by {@link Permissions}, and the replica's display
 * name used in "cannot be executed in ... mode" errors.
 */
public enum ApiType {
  /** The Wasm {@code (start)} function. */
  START("s", "start", true),
  /** {@code canister_init} and {@code canister_post_upgrade}. */
  INIT("I", "init", true),
  /** {@code canister_pre_upgrade}. */
  PRE_UPGRADE("G", "pre upgrade", true),
  /** An update method. */
  UPDATE("U", "update", true),
  /** A query method executed replicated (called as an update). */
  REPLICATED_QUERY("RQ", "replicated query", true),
  /** A query method executed non-replicated (a user query). */
  NON_REPLICATED_QUERY("NRQ", "non replicated query", false),
  /** A composite query method. */
  COMPOSITE_QUERY("CQ", "composite query", false),
  /** A reply callback. */
  REPLY_CALLBACK("Ry", "reply callback", true),
  /** A reject callback. */
  REJECT_CALLBACK("Rt", "reject callback", true),
  /** A reply callback in a composite query. */
  COMPOSITE_REPLY_CALLBACK("CRy", "composite reply callback", false),
  /** A reject callback in a composite query. */
  COMPOSITE_REJECT_CALLBACK("CRt", "composite reject callback", false),
  /** A cleanup callback. */
  CLEANUP("C", "cleanup", true),
  /** A cleanup callback in a composite query. */
  COMPOSITE_CLEANUP("CC", "composite cleanup", false),
  /** {@code canister_inspect_message}. */
  INSPECT_MESSAGE("F", "inspect message", false),
  /** {@code canister_heartbeat}. */
  HEARTBEAT("T", "heartbeat", true),
  /** {@code canister_global_timer}. */
  GLOBAL_TIMER("T", "global timer", true),
  /** {@code canister_on_low_wasm_memory}. */
  ON_LOW_WASM_MEMORY("T", "on low Wasm memory", true);

  private final String code;
  private final String display;
  private final boolean replicated;

  ApiType(String code, String display, boolean replicated) {
    this.code = code;
    this.display = display;
    this.replicated = replicated;
  }

  /** The legend code (I, G, U, RQ, NRQ, CQ, Ry, Rt, CRy, CRt, C, CC, F, T, s). */
  public String code() {
    return code;
  }

  /** Whether this runs in replicated mode ({@code ic0.in_replicated_execution}). */
  public boolean replicated() {
    return replicated;
  }

  /** Whether changes to memory, stable memory and globals are discarded at the end. */
  public boolean discardsState() {
    return this == NON_REPLICATED_QUERY || this == REPLICATED_QUERY || this == COMPOSITE_QUERY
        || this == COMPOSITE_REPLY_CALLBACK || this == COMPOSITE_REJECT_CALLBACK || this == COMPOSITE_CLEANUP
        || this == INSPECT_MESSAGE;
  }

  /** The replica's name for the mode, as in {@code "ic0_msg_reply" cannot be executed in init mode}. */
  @Override
  public String toString() {
    return display;
  }
}
