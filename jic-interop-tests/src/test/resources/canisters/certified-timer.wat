;; A tiny hand-written test canister for the acceptance scenario (issue 6): certified data and
;; timers through the raw System API (IC interface spec, "Certified data" and "Global timer").
;; Candid interface (the replies are hand-encoded Candid):
;;   set : (blob) -> ()            update: certified data := the raw Candid argument bytes (<= 32)
;;   certificate : () -> (blob)    query: the data certificate; traps if none is present
;;   ticks : () -> (nat)           query: how often canister_global_timer has run
;;   noop : () -> ()               update: does nothing (lets the test produce batches)
;; canister_init arms the global timer at time() + 1 ns; each run of canister_global_timer counts
;; one tick and re-arms it the same way until 3 ticks, then leaves it disarmed.
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $reply_append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "certified_data_set" (func $certified_data_set (param i32 i32)))
  (import "ic0" "data_certificate_present" (func $cert_present (result i32)))
  (import "ic0" "data_certificate_size" (func $cert_size (result i32)))
  (import "ic0" "data_certificate_copy" (func $cert_copy (param i32 i32 i32)))
  (import "ic0" "time" (func $time (result i64)))
  (import "ic0" "global_timer_set" (func $global_timer_set (param i64) (result i64)))
  (memory 1)
  (global $ticks (mut i32) (i32.const 0))
  ;; 0..8: Candid header "DIDL" 01 6d 7b 01 00 = one type (vec nat8), one value of it
  (data (i32.const 0) "DIDL\01\6d\7b\01\00")
  ;; 16..21: Candid () ; 32..35: Candid header of (nat) ; 48: trap message
  (data (i32.const 16) "DIDL\00\00")
  (data (i32.const 32) "DIDL\00\01\7d")
  (data (i32.const 48) "too large or no certificate")

  (func $arm (drop (call $global_timer_set (i64.add (call $time) (i64.const 1)))))

  ;; Writes n as unsigned LEB128 at dst; returns the number of bytes written.
  (func $leb (param $dst i32) (param $n i32) (result i32) (local $len i32)
    (loop $more
      (if (i32.lt_u (local.get $n) (i32.const 128))
        (then (i32.store8 (i32.add (local.get $dst) (local.get $len)) (local.get $n))
              (return (i32.add (local.get $len) (i32.const 1)))))
      (i32.store8 (i32.add (local.get $dst) (local.get $len))
        (i32.or (i32.and (local.get $n) (i32.const 127)) (i32.const 128)))
      (local.set $n (i32.shr_u (local.get $n) (i32.const 7)))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br $more))
    (unreachable))

  (func (export "canister_init") (call $arm))

  (func (export "canister_global_timer")
    (global.set $ticks (i32.add (global.get $ticks) (i32.const 1)))
    (if (i32.lt_u (global.get $ticks) (i32.const 3)) (then (call $arm))))

  (func (export "canister_update set") (local $n i32)
    (local.set $n (call $arg_size))
    (if (i32.gt_u (local.get $n) (i32.const 32)) (then (call $trap (i32.const 48) (i32.const 27))))
    (call $arg_copy (i32.const 1024) (i32.const 0) (local.get $n))
    (call $certified_data_set (i32.const 1024) (local.get $n))
    (call $reply_append (i32.const 16) (i32.const 6))
    (call $reply))

  (func (export "canister_update noop")
    (call $reply_append (i32.const 16) (i32.const 6))
    (call $reply))

  (func (export "canister_query certificate") (local $size i32) (local $l i32)
    (if (i32.eqz (call $cert_present)) (then (call $trap (i32.const 48) (i32.const 27))))
    (local.set $size (call $cert_size))
    (local.set $l (call $leb (i32.const 9) (local.get $size)))
    (call $cert_copy (i32.add (i32.const 9) (local.get $l)) (i32.const 0) (local.get $size))
    (call $reply_append (i32.const 0) (i32.add (i32.add (i32.const 9) (local.get $l)) (local.get $size)))
    (call $reply))

  (func (export "canister_query ticks") (local $l i32)
    (local.set $l (call $leb (i32.const 39) (global.get $ticks)))
    (call $reply_append (i32.const 32) (i32.add (i32.const 7) (local.get $l)))
    (call $reply)))
