;; Imports a non-ic0 function: invalid under IC rules, unlinkable without a host for env.f.
(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (func (export "g") (param i32) (result i32) (call $f (local.get 0))))
