;; Table state for TablesSnapshotTest: a funcref table of 2 filled by an active segment, a passive
;; segment, and exports that change the table (set, grow, init) and drop the passive segment.
(module
  (type $ret (func (result i32)))
  (table $t 2 10 funcref)
  (func $one (type $ret) (i32.const 1))
  (func $two (type $ret) (i32.const 2))
  (elem (table $t) (i32.const 0) func $one $two)
  (elem $passive func $two $one)
  (func (export "call") (param i32) (result i32) (call_indirect (type $ret) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "swap")
    (table.set $t (i32.const 0) (ref.func $two))
    (table.set $t (i32.const 1) (ref.null func)))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $one) (local.get 0)))
  (func (export "init") (param i32) (table.init $t $passive (local.get 0) (i32.const 0) (i32.const 2)))
  (func (export "drop") (elem.drop $passive)))
