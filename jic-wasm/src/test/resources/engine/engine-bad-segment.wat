;; An active data segment beyond the 1-page memory: instantiation traps.
(module
  (memory 1)
  (data (i32.const 65535) "xy"))
