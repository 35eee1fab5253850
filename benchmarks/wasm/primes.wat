;; Kernel "primes": counts the primes below n by trial division (ALU-bound, no memory).
;; export run(n: i32) -> i32. Assemble: wat2wasm primes.wat -o primes.wasm
(module
  (func (export "run") (param $n i32) (result i32)
    (local $k i32) (local $d i32) (local $count i32) (local $prime i32)
    (local.set $k (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $prime (i32.const 1))
        (local.set $d (i32.const 2))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $k)))
            (if (i32.eqz (i32.rem_u (local.get $k) (local.get $d)))
              (then (local.set $prime (i32.const 0)) (br $inner_done)))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $inner)))
        (local.set $count (i32.add (local.get $count) (local.get $prime)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $outer)))
    (local.get $count)))
