// Benchmark kernels as canister methods (mo:core, npm motoko@4.10.0). Deterministic inputs:
// a linear congruential generator seeded by the argument, no randomness from the system.
import VarArray "mo:core/VarArray";
import Nat "mo:core/Nat";
import Nat64 "mo:core/Nat64";

persistent actor Kernel {
  func lcgArray(n : Nat, seed : Nat64) : [var Nat64] {
    let a = VarArray.repeat<Nat64>(0, n);
    var x = seed;
    var i = 0;
    while (i < n) {
      x := x *% 6364136223846793005 +% 1442695040888963407;
      a[i] := x >> 33;
      i += 1;
    };
    a
  };

  // Sorts n pseudo-random numbers and returns a position-weighted checksum of the result.
  public query func sortChecksum(n : Nat, seed : Nat64) : async Nat64 {
    let a = lcgArray(n, seed);
    VarArray.sortInPlace<Nat64>(a, Nat64.compare);
    var sum : Nat64 = 0;
    var i = 0;
    while (i < n) {
      sum := sum *% 31 +% a[i];
      i += 1;
    };
    sum
  };

  // Sums 0 + 1 + ... + (n - 1) in a loop (Nat64 arithmetic, wrapping).
  public query func sumTo(n : Nat64) : async Nat64 {
    var s : Nat64 = 0;
    var i : Nat64 = 0;
    while (i < n) {
      s +%= i;
      i += 1;
    };
    s
  };

  // Counts primes below n by trial division.
  public query func countPrimes(n : Nat) : async Nat {
    var count = 0;
    var k = 2;
    while (k < n) {
      var d = 2;
      var prime = true;
      while (prime and d * d <= k) {
        if (k % d == 0) { prime := false };
        d += 1;
      };
      if (prime) { count += 1 };
      k += 1;
    };
    count
  };
};
