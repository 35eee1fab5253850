;; A memory64 module: runs lowered to 32 bits.
(module
  (memory i64 1)
  (func (export "store_load") (param $a i64) (param $v i32) (result i32)
    (i32.store (local.get $a) (local.get $v))
    (i32.load (local.get $a)))
  (func (export "size") (result i64) memory.size))
