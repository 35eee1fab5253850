;; Tables and passive segments across messages (TablesAndSegmentsTest).
;; Compiled with: wat2wasm tables.wat -o tables.wasm
;;
;; Table 0 starts as [$one, $one] (active element segment). Every method replies with bytes so the
;; test can see what the instance saw:
;;   which        -> [call_indirect 0, call_indirect 1, table.size]   (query and update)
;;   set          -> table.set 0 $two, table.grow 1 ($two); replies `which` as seen inside the message
;;   set_trap     -> same changes, then unreachable
;;   elem_drop    -> elem.drop of the passive element segment $pe ([$three]); replies [1]
;;   elem_init    -> table.init 1 from $pe (traps if $pe is dropped); replies `which`
;;   data_init    -> memory.init of the passive data segment $pd ("jic!") to address 16; replies the
;;                   4 bytes at 16 (traps if $pd is dropped)
;;   data_drop    -> memory.init then data.drop of $pd; replies the 4 bytes at 16
;;   data_drop_trap -> data.drop of $pd, then unreachable
;;   clear        -> zeroes bytes 16..20 (so data_init's effect is visible again); replies them
;;   peek         -> replies bytes 16..20 (query)
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (type $ret (func (result i32)))
  (memory 1)
  (table $t 2 funcref)
  (elem (i32.const 0) $one $one)
  (elem $pe func $three)
  (elem declare func $two)
  (data $pd "jic!")

  (func $one (type $ret) (i32.const 1))
  (func $two (type $ret) (i32.const 2))
  (func $three (type $ret) (i32.const 3))

  ;; bytes 0..2 = [entry 0, entry 1, size]; replies them
  (func $reply_which
    (i32.store8 (i32.const 0) (call_indirect (type $ret) (i32.const 0)))
    (i32.store8 (i32.const 1) (call_indirect (type $ret) (i32.const 1)))
    (i32.store8 (i32.const 2) (table.size $t))
    (call $append (i32.const 0) (i32.const 3))
    (call $msg_reply))

  (func $reply_data
    (call $append (i32.const 16) (i32.const 4))
    (call $msg_reply))

  (func $mutate
    (table.set $t (i32.const 0) (ref.func $two))
    (drop (table.grow $t (ref.func $two) (i32.const 1))))

  (func (export "canister_query which") (call $reply_which))
  (func (export "canister_update which_update") (call $reply_which))
  (func (export "canister_update set") (call $mutate) (call $reply_which))
  (func (export "canister_update set_trap") (call $mutate) (unreachable))
  (func (export "canister_query set_query") (call $mutate) (call $reply_which))
  (func (export "canister_update elem_drop")
    (elem.drop $pe)
    (i32.store8 (i32.const 0) (i32.const 1))
    (call $append (i32.const 0) (i32.const 1))
    (call $msg_reply))
  (func (export "canister_update elem_init")
    (table.init $t $pe (i32.const 1) (i32.const 0) (i32.const 1))
    (call $reply_which))
  (func (export "canister_update data_init")
    (memory.init $pd (i32.const 16) (i32.const 0) (i32.const 4))
    (call $reply_data))
  (func (export "canister_query data_init_query")
    (memory.init $pd (i32.const 16) (i32.const 0) (i32.const 4))
    (call $reply_data))
  (func (export "canister_update data_drop")
    (memory.init $pd (i32.const 16) (i32.const 0) (i32.const 4))
    (data.drop $pd)
    (call $reply_data))
  (func (export "canister_update data_drop_trap")
    (data.drop $pd)
    (unreachable))
  (func (export "canister_query peek") (call $reply_data))
  (func (export "canister_update clear")
    (i32.store (i32.const 16) (i32.const 0))
    (call $reply_data))
)
