;; Kernel for dev.jic.wasm.memory.bench.MemoryBench (wat2wasm bench.wat -o bench.wasm, wabt 1.0.32).
;; For each round: mem[i] += i*3 + round; acc ^= mem[i], over the first $n bytes in 4-byte steps.
(module
  (memory (export "memory") 256)
  (func (export "kernel") (param $n i32) (param $rounds i32) (result i32)
    (local $i i32) (local $r i32) (local $acc i32)
    (loop $outer
      (local.set $i (i32.const 0))
      (loop $inner
        (i32.store (local.get $i)
          (i32.add (i32.load (local.get $i))
                   (i32.add (i32.mul (local.get $i) (i32.const 3)) (local.get $r))))
        (local.set $acc (i32.xor (local.get $acc) (i32.load (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $inner (i32.lt_u (local.get $i) (local.get $n))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $r) (local.get $rounds))))
    (local.get $acc)))
