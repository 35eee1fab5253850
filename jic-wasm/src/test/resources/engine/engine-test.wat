;; Test module for dev.jic.wasm.engine (EngineTest). Assemble with:
;;   wat2wasm engine-test.wat -o engine-test.wasm
(module
  (import "ic0" "performance_counter" (func $pc (param i32) (result i64)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "debug_print" (func $print (param i32 i32)))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (data (i32.const 16) "boom")

  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)

  ;; Sums 0..n-1 in a loop; writes the running sum to memory and a global as it goes.
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (i32.store (i32.const 0) (local.get $s))
        (global.set $g (local.get $s))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    local.get $s)

  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_s)

  (func (export "oob") (result i32)
    i32.const 65535 i32.load)

  (func (export "unreachable")
    unreachable)

  (func (export "host_trap")
    i32.const 16 i32.const 4 call $trap)

  ;; performance_counter(0) after a loop of n iterations.
  (func (export "pc_after") (param $n i32) (result i64)
    (drop (call $loop_inner (local.get $n)))
    (call $pc (i32.const 0)))

  (func $loop_inner (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $top
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    local.get $i)

  (func (export "print")
    i32.const 16 i32.const 4 call $print)

  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))

  (func (export "fill") (param $n i32)
    (memory.fill (i32.const 0) (i32.const 7) (local.get $n)))

  (func (export "spin")
    (loop $l (br $l)))

  (func (export "get_global") (result i32) global.get $g)
)
