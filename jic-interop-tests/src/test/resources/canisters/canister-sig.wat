;; A tiny hand-written test canister for canister signatures (IC interface spec, "Canister
;; signatures" and "Certified data"): a client puts the root hash of its signature tree
;; sig/SHA-256(seed)/SHA-256(message) -> "" into this canister's certified data, reads the data
;; certificate back, and so holds a canister signature by (this canister, seed) over the message.
;; Candid interface (arguments checked and replies hand-encoded):
;;   set_root : (blob) -> ()            update: certified data := the blob, which must be 32 bytes
;;   certificate : () -> (blob)         query: the data certificate; traps if none is present
;;   whoami : () -> (blob)              update: the caller's principal bytes (msg_caller)
;;   whoami_query : () -> (blob)        query: the same, as a query
(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_caller_size" (func $caller_size (result i32)))
  (import "ic0" "msg_caller_copy" (func $caller_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $reply_append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "certified_data_set" (func $certified_data_set (param i32 i32)))
  (import "ic0" "data_certificate_present" (func $cert_present (result i32)))
  (import "ic0" "data_certificate_size" (func $cert_size (result i32)))
  (import "ic0" "data_certificate_copy" (func $cert_copy (param i32 i32 i32)))
  (memory 1)
  ;; 0..8: Candid header "DIDL" 01 6d 7b 01 00 = one type (vec nat8), one value of it
  (data (i32.const 0) "DIDL\01\6d\7b\01\00")
  ;; 16..21: Candid ()
  (data (i32.const 16) "DIDL\00\00")
  ;; 32..41: the exact Candid (blob) header of a 32-byte blob: the header above, then length 0x20
  (data (i32.const 32) "DIDL\01\6d\7b\01\00\20")
  ;; 64..: trap messages (27 and 33 bytes)
  (data (i32.const 64) "no certificate is available")
  (data (i32.const 96) "set_root expects one 32-byte blob")

  ;; Writes n (< 2^28) as unsigned LEB128 at dst; returns the number of bytes written.
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

  ;; The argument must be exactly the 10-byte header at 32 followed by 32 bytes.
  (func (export "canister_update set_root")
    (if (i32.ne (call $arg_size) (i32.const 42)) (then (call $trap (i32.const 96) (i32.const 33))))
    (call $arg_copy (i32.const 4096) (i32.const 0) (i32.const 42))
    (if (i32.or
          (i64.ne (i64.load (i32.const 4096)) (i64.load (i32.const 32)))
          (i32.ne (i32.load16_u (i32.const 4104)) (i32.load16_u (i32.const 40))))
      (then (call $trap (i32.const 96) (i32.const 33))))
    (call $certified_data_set (i32.const 4106) (i32.const 32))
    (call $reply_append (i32.const 16) (i32.const 6))
    (call $reply))

  ;; Scratch space for arguments and replies starts at 4096, so the constants above are never overwritten.
  (func (export "canister_query certificate") (local $size i32) (local $l i32)
    (if (i32.eqz (call $cert_present)) (then (call $trap (i32.const 64) (i32.const 27))))
    (local.set $size (call $cert_size))
    (local.set $l (call $leb (i32.const 4096) (local.get $size)))
    (call $cert_copy (i32.add (i32.const 4096) (local.get $l)) (i32.const 0) (local.get $size))
    (call $reply_append (i32.const 0) (i32.const 9))
    (call $reply_append (i32.const 4096) (i32.add (local.get $l) (local.get $size)))
    (call $reply))

  ;; Replies (blob) with the caller's bytes (at most 29, so the length is one LEB128 byte).
  (func $reply_caller (local $n i32)
    (local.set $n (call $caller_size))
    (i32.store8 (i32.const 4096) (local.get $n))
    (call $caller_copy (i32.const 4097) (i32.const 0) (local.get $n))
    (call $reply_append (i32.const 0) (i32.const 9))
    (call $reply_append (i32.const 4096) (i32.add (i32.const 1) (local.get $n)))
    (call $reply))

  (func (export "canister_update whoami") (call $reply_caller))
  (func (export "canister_query whoami_query") (call $reply_caller)))
