package dev.jic.wasm.canisters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The real canister modules checked in under {@code src/test/resources/canisters/}, built from
 * the sources in {@code canisters/} by {@code canisters/build.sh} (see {@code canisters/README.md}).
 */
enum CanisterFixture {
  /** Motoko counter/key-value actor (mo:core, timer, inter-canister call), enhanced orthogonal persistence. */
  MOTOKO_COUNTER_WASM64("motoko-counter-wasm64", Toolchain.MOTOKO, true),
  /** The same actor compiled with classic orthogonal persistence. */
  MOTOKO_COUNTER_WASM32("motoko-counter-wasm32", Toolchain.MOTOKO, false),
  /** Motoko benchmark kernels (sort, sum loop, prime counting), enhanced orthogonal persistence. */
  MOTOKO_KERNEL_WASM64("motoko-kernel-wasm64", Toolchain.MOTOKO, true),
  /** The kernels compiled with classic orthogonal persistence. */
  MOTOKO_KERNEL_WASM32("motoko-kernel-wasm32", Toolchain.MOTOKO, false),
  /** A Motoko actor using {@code mo:base} (motoko@3.20.0's base library), classic persistence. */
  MOTOKO_BASE_WASM32("motoko-base-wasm32", Toolchain.MOTOKO, false),
  /** An azle 0.33.0 TypeScript canister (QuickJS inside, StableBTreeMap). */
  AZLE_LEDGER("azle-ledger", Toolchain.AZLE, false),
  /** An AssemblyScript 0.28.20 canister with hand-written ic0 imports and renamed exports. */
  ASSEMBLYSCRIPT_GREET("assemblyscript-greet", Toolchain.ASSEMBLYSCRIPT, false);

  /** The compiler that produced a fixture. */
  enum Toolchain { MOTOKO, AZLE, ASSEMBLYSCRIPT }

  final String fileStem;
  final Toolchain toolchain;
  final boolean wasm64;

  CanisterFixture(String fileStem, Toolchain toolchain, boolean wasm64) {
    this.fileStem = fileStem;
    this.toolchain = toolchain;
    this.wasm64 = wasm64;
  }

  /** The module bytes, as checked in. */
  byte[] wasm() {
    return resource(fileStem + ".wasm");
  }

  /** The Candid interface the toolchain emitted. */
  String candid() {
    return new String(resource(fileStem + ".did"), java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] resource(String name) {
    try (InputStream in = CanisterFixture.class.getResourceAsStream("/canisters/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource canisters/" + name + " (run canisters/build.sh)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
