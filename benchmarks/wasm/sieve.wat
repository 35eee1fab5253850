;; Kernel "sieve": sieve of Eratosthenes over n bytes of linear memory; returns the number of
;; primes below n (byte loads and stores, one memory.fill). export run(n: i32) -> i32.
(module
  (memory 1)
  (func (export "run") (param $n i32) (result i32)
    (local $need i32) (local $i i32) (local $j i32) (local $count i32)
    ;; grow memory to hold n bytes
    (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $n) (i32.const 65535)) (i32.const 16)) (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (drop (memory.grow (local.get $need)))))
    (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.load8_u (local.get $i))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $cdone
              (loop $cross
                (br_if $cdone (i32.ge_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 0))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $cross)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.set $i (i32.const 2))
    (block $cnt_done
      (loop $cnt
        (br_if $cnt_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $count (i32.add (local.get $count) (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cnt)))
    (local.get $count)))
