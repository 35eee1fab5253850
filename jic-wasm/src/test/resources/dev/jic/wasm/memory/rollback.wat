;; Fixture for dev.jic.wasm.memory.WasmRollbackTest (compiled with Debian wabt 1.0.32:
;;   wat2wasm rollback.wat -o rollback.wasm   (bulk memory is on by default)
;; the .wasm is checked in so CI needs no wabt).
(module
  (memory (export "memory") 2 10)
  (global $g (export "g") (mut i32) (i32.const 7))
  (global $h (mut i64) (i64.const 11))
  (global $c i32 (i32.const 5))
  (data (i32.const 16) "hello")
  (data $passive "passive-bytes")

  ;; A successful message: one store and a global update.
  (func (export "store") (param $addr i32) (param $val i32)
    (i32.store (local.get $addr) (local.get $val))
    (global.set $g (local.get $val)))

  ;; Writes across many pages, grows, copies, inits and drops a passive segment, sets globals,
  ;; then traps. Pages written: 0..19 (store, straddling i64 store, fill 8192..78191, copy,
  ;; memory.init at 6000), and 48 (store at 200000 in the grown area).
  (func (export "scribble_then_trap")
    (i32.store (i32.const 0) (i32.const 0xdeadbeef))
    (i64.store (i32.const 4094) (i64.const -1))
    (memory.fill (i32.const 8192) (i32.const 0xab) (i32.const 70000))
    (drop (memory.grow (i32.const 3)))
    (i32.store (i32.const 200000) (i32.const 1))
    (memory.copy (i32.const 100) (i32.const 8192) (i32.const 5000))
    (memory.init $passive (i32.const 6000) (i32.const 0) (i32.const 13))
    (data.drop $passive)
    (global.set $g (i32.const 99))
    (global.set $h (i64.const 99))
    unreachable)

  ;; memory.init of the passive segment (traps once it has been dropped).
  (func (export "init_passive") (param $dest i32)
    (memory.init $passive (local.get $dest) (i32.const 0) (i32.const 13)))

  (func (export "get_h") (result i64) (global.get $h))
  (func (export "load") (param $addr i32) (result i32) (i32.load (local.get $addr)))

  ;; Stores 4 bytes straddling the end of memory: traps, writes nothing.
  (func (export "store_oob") (param $addr i32) (i32.store (local.get $addr) (i32.const -1)))

  (func (export "grow") (param $n i32) (result i32) (memory.grow (local.get $n)))
)
