;; The smallest useful canister, for the 10,000-canister scale test and the scheduler tests.
;; Build: wat2wasm tiny.wat -o tiny.wasm
;;   update ping: increments the i32 counter at address 0 and replies it (4 bytes, little endian)
;;   update spin: burns ~N x 3 instructions for N = the first 4 argument bytes (LE), replies the counter
;;   query get:   replies the counter
(module
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (memory 1)
  (func $answer (call $append (i32.const 0) (i32.const 4)) (call $reply))
  (func (export "canister_update ping")
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (call $answer))
  (func (export "canister_update spin") (local $n i32)
    (call $arg_copy (i32.const 16) (i32.const 0) (i32.const 4))
    (local.set $n (i32.load (i32.const 16)))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (call $answer))
  (func (export "canister_query get") (call $answer)))
