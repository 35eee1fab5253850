;; Kernel "sort": fills n i32s from a linear congruential generator, heapsorts them in linear
;; memory, returns a position-weighted checksum (i32 loads/stores, calls, branches).
;; export run(n: i32) -> i32.
(module
  (memory 1)
  (func $get (param $i i32) (result i32) (i32.load (i32.shl (local.get $i) (i32.const 2))))
  (func $set (param $i i32) (param $v i32) (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $v)))
  (func $swap (param $i i32) (param $j i32)
    (local $t i32)
    (local.set $t (call $get (local.get $i)))
    (call $set (local.get $i) (call $get (local.get $j)))
    (call $set (local.get $j) (local.get $t)))
  (func $sift (param $root i32) (param $end i32)
    (local $child i32) (local $sw i32)
    (block $done
      (loop $l
        (local.set $child (i32.add (i32.shl (local.get $root) (i32.const 1)) (i32.const 1)))
        (br_if $done (i32.gt_s (local.get $child) (local.get $end)))
        (local.set $sw (local.get $root))
        (if (i32.lt_s (call $get (local.get $sw)) (call $get (local.get $child)))
          (then (local.set $sw (local.get $child))))
        (if (i32.le_s (i32.add (local.get $child) (i32.const 1)) (local.get $end))
          (then
            (if (i32.lt_s (call $get (local.get $sw)) (call $get (i32.add (local.get $child) (i32.const 1))))
              (then (local.set $sw (i32.add (local.get $child) (i32.const 1)))))))
        (br_if $done (i32.eq (local.get $sw) (local.get $root)))
        (call $swap (local.get $root) (local.get $sw))
        (local.set $root (local.get $sw))
        (br $l))))
  (func (export "run") (param $n i32) (result i32)
    (local $need i32) (local $i i32) (local $x i32) (local $end i32) (local $sum i32)
    (local.set $need (i32.sub (i32.shr_u (i32.add (i32.shl (local.get $n) (i32.const 2)) (i32.const 65535)) (i32.const 16))
      (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (drop (memory.grow (local.get $need)))))
    (local.set $x (i32.const 42))
    (block $fdone
      (loop $fill
        (br_if $fdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
        (call $set (local.get $i) (i32.shr_u (local.get $x) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    ;; heapify
    (local.set $i (i32.div_s (i32.sub (local.get $n) (i32.const 2)) (i32.const 2)))
    (block $hdone
      (loop $heapify
        (br_if $hdone (i32.lt_s (local.get $i) (i32.const 0)))
        (call $sift (local.get $i) (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $heapify)))
    (local.set $end (i32.sub (local.get $n) (i32.const 1)))
    (block $sdone
      (loop $sortl
        (br_if $sdone (i32.le_s (local.get $end) (i32.const 0)))
        (call $swap (i32.const 0) (local.get $end))
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (call $sift (i32.const 0) (local.get $end))
        (br $sortl)))
    (local.set $i (i32.const 0))
    (block $cdone
      (loop $check
        (br_if $cdone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (i32.mul (local.get $sum) (i32.const 31)) (call $get (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $check)))
    (local.get $sum)))
