;; PrechargeTest: $get and $add are straight-line helpers reachable only by direct calls (charged
;; at their call sites); $exported is straight-line but exported, $tabled is in a table, $branchy
;; has control flow: those three charge themselves.
(module
  (memory 1)
  (table 1 funcref)
  (elem (i32.const 0) $tabled)
  (func $get (param i32) (result i32) (i32.load (i32.shl (local.get 0) (i32.const 2))))
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $exported (export "exported") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $tabled (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
  (func $branchy (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
  ;; sum over i < n of get(i) + exported(i) + tabled(i) + branchy(i)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (call $add (local.get $s) (call $get (local.get $i))))
        (local.set $s (call $add (local.get $s) (call $exported (local.get $i))))
        (local.set $s (call $add (local.get $s) (call_indirect (param i32) (result i32) (local.get $i) (i32.const 0))))
        (local.set $s (call $add (local.get $s) (call $branchy (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $s)))
