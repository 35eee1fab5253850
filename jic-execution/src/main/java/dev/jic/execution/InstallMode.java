package dev.jic.execution;

/** {@code canister_install_mode} (IC-INTERFACE-DIGEST §6.3). */
public sealed interface InstallMode {
  /** Install into an empty canister. */
  record Install() implements InstallMode {}

  /** Wipe code, heap and stable memory, then install. */
  record Reinstall() implements InstallMode {}

  /**
   * Upgrade: pre_upgrade (unless skipped), new module, post_upgrade; stable memory kept.
   *
   * @param skipPreUpgrade {@code skip_pre_upgrade = opt true}
   * @param keepWasmMemory {@code wasm_memory_persistence}: null unset, true keep, false replace
   */
  record Upgrade(boolean skipPreUpgrade, Boolean keepWasmMemory) implements InstallMode {}
}
