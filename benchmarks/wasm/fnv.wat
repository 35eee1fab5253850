;; Kernel "fnv": fills n bytes of memory from a linear congruential generator, then hashes them
;; with 32-bit FNV-1a, four passes (memory-bound: one byte load per step). export run(n: i32) -> i32.
(module
  (memory 1)
  (func (export "run") (param $n i32) (result i32)
    (local $need i32) (local $i i32) (local $x i32) (local $h i32) (local $pass i32)
    (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $n) (i32.const 65535)) (i32.const 16)) (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (drop (memory.grow (local.get $need)))))
    (local.set $x (i32.const 12345))
    (block $fdone
      (loop $fill
        (br_if $fdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
        (i32.store8 (local.get $i) (i32.shr_u (local.get $x) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (local.set $h (i32.const 0x811c9dc5))
    (block $pdone
      (loop $passes
        (br_if $pdone (i32.ge_u (local.get $pass) (i32.const 4)))
        (local.set $i (i32.const 0))
        (block $hdone
          (loop $hash
            (br_if $hdone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $i))) (i32.const 16777619)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $hash)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br $passes)))
    (local.get $h)))
