package dev.jic.wasm.bench;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * One benchmark kernel: a .wasm file and the call that is timed.
 *
 * @param name the name printed in the report
 * @param file the module
 * @param export the exported function called
 * @param args i32/i64 arguments of a plain kernel (empty for a canister)
 * @param candid for a canister method: the Candid argument bytes the method reads with
 *     {@code ic0.msg_arg_data_copy}; null for a plain kernel
 */
public record BenchKernel(String name, Path file, String export, List<Long> args, byte[] candid) {

  /** Whether this kernel is a canister method (fresh instance and {@code canister_init} per iteration). */
  public boolean isCanister() {
    return candid != null;
  }

  /** The fixed kernel set of {@code ./jic bench wasm}, with files relative to the repository root. */
  public static List<BenchKernel> standard(Path root) {
    Path dir = root.resolve("benchmarks/wasm");
    Path motoko = root.resolve("jic-wasm/src/test/resources/canisters/motoko-kernel-wasm32.wasm");
    HexFormat hex = HexFormat.of();
    return List.of(
        new BenchKernel("primes", dir.resolve("primes.wasm"), "run", List.of(500_000L), null),
        new BenchKernel("sieve", dir.resolve("sieve.wasm"), "run", List.of(30_000_000L), null),
        new BenchKernel("fnv", dir.resolve("fnv.wasm"), "run", List.of(16_000_000L), null),
        new BenchKernel("sort", dir.resolve("sort.wasm"), "run", List.of(300_000L), null),
        // Candid: "DIDL", no type table, one arg of type nat (0x7d), LEB128(200000) = c0 9a 0c.
        new BenchKernel("motoko-primes", motoko, "canister_query countPrimes", List.of(),
            hex.parseHex("4449444c00017dc09a0c")),
        // Candid: two args nat (0x7d), nat64 (0x78): LEB128(100000) = a0 8d 06, then 42 as u64 LE.
        new BenchKernel("motoko-sort", motoko, "canister_query sortChecksum", List.of(),
            hex.parseHex("4449444c00027d78a08d062a00000000000000")));
  }
}
