;; Adam's update over float64 vectors, two entries per f64x2 SIMD operation (`pnpm kernel`
;; assembles it into adam-kernel-binary.ts). Per entry, in the same operations and order as the
;; scalar rule in adam-rule.ts, so both give the same bits (WebAssembly has no fused multiply-add):
;;   m ← keep1·m + take1·g;  v ← keep2·v + (take2·g)·g;  x ← x − (stepScale·m) / (√v·rootScale + ε)
;; x, g, m and v are byte offsets of n float64 each, 16-byte aligned (layOutMemory).
(module
  (import "env" "memory" (memory 1))
  (func (export "adam")
    (param $x i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $keep1 f64) (param $take1 f64) (param $keep2 f64) (param $take2 f64)
    (param $stepScale f64) (param $rootScale f64) (param $epsilon f64)
    (local $i i32) (local $pairs i32) (local $at i32)
    (local $k1 v128) (local $t1 v128) (local $k2 v128) (local $t2 v128)
    (local $s v128) (local $r v128) (local $e v128)
    (local $gi v128) (local $mi v128) (local $vi v128)
    (local $gs f64) (local $ms f64) (local $vs f64)
    (local.set $k1 (f64x2.splat (local.get $keep1)))
    (local.set $t1 (f64x2.splat (local.get $take1)))
    (local.set $k2 (f64x2.splat (local.get $keep2)))
    (local.set $t2 (f64x2.splat (local.get $take2)))
    (local.set $s (f64x2.splat (local.get $stepScale)))
    (local.set $r (f64x2.splat (local.get $rootScale)))
    (local.set $e (f64x2.splat (local.get $epsilon)))
    (local.set $pairs (i32.shr_u (local.get $n) (i32.const 1)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $pairs)))
        (local.set $at (i32.shl (local.get $i) (i32.const 4)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $mi
          (f64x2.add
            (f64x2.mul (local.get $k1) (v128.load (i32.add (local.get $m) (local.get $at))))
            (f64x2.mul (local.get $t1) (local.get $gi))))
        (local.set $vi
          (f64x2.add
            (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $v) (local.get $at))))
            (f64x2.mul (f64x2.mul (local.get $t2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $mi))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $vi))
        (v128.store (i32.add (local.get $x) (local.get $at))
          (f64x2.sub
            (v128.load (i32.add (local.get $x) (local.get $at)))
            (f64x2.div
              (f64x2.mul (local.get $s) (local.get $mi))
              (f64x2.add (f64x2.mul (f64x2.sqrt (local.get $vi)) (local.get $r)) (local.get $e)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pair)))
    ;; An odd n leaves one entry, done in scalar.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $at (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3)))
        (local.set $gs (f64.load (i32.add (local.get $g) (local.get $at))))
        (local.set $ms
          (f64.add
            (f64.mul (local.get $keep1) (f64.load (i32.add (local.get $m) (local.get $at))))
            (f64.mul (local.get $take1) (local.get $gs))))
        (local.set $vs
          (f64.add
            (f64.mul (local.get $keep2) (f64.load (i32.add (local.get $v) (local.get $at))))
            (f64.mul (f64.mul (local.get $take2) (local.get $gs)) (local.get $gs))))
        (f64.store (i32.add (local.get $m) (local.get $at)) (local.get $ms))
        (f64.store (i32.add (local.get $v) (local.get $at)) (local.get $vs))
        (f64.store (i32.add (local.get $x) (local.get $at))
          (f64.sub
            (f64.load (i32.add (local.get $x) (local.get $at)))
            (f64.div
              (f64.mul (local.get $stepScale) (local.get $ms))
              (f64.add (f64.mul (f64.sqrt (local.get $vs)) (local.get $rootScale)) (local.get $epsilon))))))))
)
