;; A start function that loops 100 times and stores the count in a global.
(module
  (global $g (mut i32) (i32.const 0))
  (func $start
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (br_if $l (i32.lt_u (global.get $g) (i32.const 100)))))
  (start $start)
  (func (export "get") (result i32) global.get $g))
