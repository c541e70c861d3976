;; The two data passes of the softmax objective over compressed sparse rows, in WebAssembly SIMD.
;; `softmax-kernel.ts` owns the memory layout; every argument is a byte offset into that memory.
;;
;; Compressed rows: row i's stored entries are q = rowStart[i] .. rowStart[i+1]-1, with column
;; cols[q] (u16) and value vals[q] (f32). `rows` lists which rows (i32 indices) a call covers, so
;; full batches and shuffled mini-batches share one code path.
;;
;; Per-class vectors (a weight row, a logit row, a residual row, a gradient row) are `stride`
;; bytes of f32, the class count rounded up to whole 4-lane vectors, padding lanes held at zero.
;; The `*12` functions keep 9 to 12 classes in three registers; the `*N` ones take any stride and
;; accumulate in memory instead.
(module
  (import "env" "memory" (memory 1))

  ;; out[r] = bias + Σ_q vals[q]·W[cols[q]] for r < count, row rows[r]; W rows are 48 bytes.
  (func (export "logits12")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $w i32) (param $bias i32) (param $out i32)
    (local $end i32) (local $at i32) (local $c i32) (local $ce i32) (local $v i32) (local $o i32)
    (local $x v128) (local $a0 v128) (local $a1 v128) (local $a2 v128)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $rows) (local.get $end)))
        (local.set $at (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
        (local.set $c (i32.add (local.get $cols) (i32.shl (i32.load (local.get $at)) (i32.const 1))))
        (local.set $ce (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $v (i32.add (local.get $vals) (i32.shl (i32.load (local.get $at)) (i32.const 2))))
        (local.set $a0 (v128.load (local.get $bias)))
        (local.set $a1 (v128.load offset=16 (local.get $bias)))
        (local.set $a2 (v128.load offset=32 (local.get $bias)))
        (block $rowDone
          (loop $entry
            (br_if $rowDone (i32.ge_u (local.get $c) (local.get $ce)))
            (local.set $x (f32x4.splat (f32.load (local.get $v))))
            (local.set $o (i32.add (local.get $w) (i32.mul (i32.load16_u (local.get $c)) (i32.const 48))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (local.get $o)))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $o)))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $o)))))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (local.set $v (i32.add (local.get $v) (i32.const 4)))
            (br $entry)))
        (v128.store (local.get $out) (local.get $a0))
        (v128.store offset=16 (local.get $out) (local.get $a1))
        (v128.store offset=32 (local.get $out) (local.get $a2))
        (local.set $out (i32.add (local.get $out) (i32.const 48)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $row))))

  ;; G[cols[q]] += vals[q]·res[r] for r < count, row rows[r]; G and res rows are 48 bytes.
  (func (export "accumulate12")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $g i32) (param $res i32)
    (local $end i32) (local $at i32) (local $c i32) (local $ce i32) (local $v i32) (local $o i32)
    (local $x v128) (local $r0 v128) (local $r1 v128) (local $r2 v128)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $rows) (local.get $end)))
        (local.set $at (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
        (local.set $c (i32.add (local.get $cols) (i32.shl (i32.load (local.get $at)) (i32.const 1))))
        (local.set $ce (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $v (i32.add (local.get $vals) (i32.shl (i32.load (local.get $at)) (i32.const 2))))
        (local.set $r0 (v128.load (local.get $res)))
        (local.set $r1 (v128.load offset=16 (local.get $res)))
        (local.set $r2 (v128.load offset=32 (local.get $res)))
        (block $rowDone
          (loop $entry
            (br_if $rowDone (i32.ge_u (local.get $c) (local.get $ce)))
            (local.set $x (f32x4.splat (f32.load (local.get $v))))
            (local.set $o (i32.add (local.get $g) (i32.mul (i32.load16_u (local.get $c)) (i32.const 48))))
            (v128.store (local.get $o)
              (f32x4.add (v128.load (local.get $o)) (f32x4.mul (local.get $x) (local.get $r0))))
            (v128.store offset=16 (local.get $o)
              (f32x4.add (v128.load offset=16 (local.get $o)) (f32x4.mul (local.get $x) (local.get $r1))))
            (v128.store offset=32 (local.get $o)
              (f32x4.add (v128.load offset=32 (local.get $o)) (f32x4.mul (local.get $x) (local.get $r2))))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (local.set $v (i32.add (local.get $v) (i32.const 4)))
            (br $entry)))
        (local.set $res (i32.add (local.get $res) (i32.const 48)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $row))))

  ;; As logits12 for any stride (a multiple of 16 bytes), accumulating in out's memory.
  (func (export "logitsN")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $w i32) (param $bias i32) (param $out i32) (param $stride i32)
    (local $end i32) (local $at i32) (local $c i32) (local $ce i32) (local $v i32) (local $o i32)
    (local $lane i32) (local $x v128)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $rows) (local.get $end)))
        (local.set $at (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
        (local.set $c (i32.add (local.get $cols) (i32.shl (i32.load (local.get $at)) (i32.const 1))))
        (local.set $ce (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $v (i32.add (local.get $vals) (i32.shl (i32.load (local.get $at)) (i32.const 2))))
        (memory.copy (local.get $out) (local.get $bias) (local.get $stride))
        (block $rowDone
          (loop $entry
            (br_if $rowDone (i32.ge_u (local.get $c) (local.get $ce)))
            (local.set $x (f32x4.splat (f32.load (local.get $v))))
            (local.set $o (i32.add (local.get $w) (i32.mul (i32.load16_u (local.get $c)) (local.get $stride))))
            (local.set $lane (i32.const 0))
            (loop $lanes
              (v128.store (i32.add (local.get $out) (local.get $lane))
                (f32x4.add
                  (v128.load (i32.add (local.get $out) (local.get $lane)))
                  (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $o) (local.get $lane))))))
              (local.set $lane (i32.add (local.get $lane) (i32.const 16)))
              (br_if $lanes (i32.lt_u (local.get $lane) (local.get $stride))))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (local.set $v (i32.add (local.get $v) (i32.const 4)))
            (br $entry)))
        (local.set $out (i32.add (local.get $out) (local.get $stride)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $row))))

  ;; As accumulate12 for any stride (a multiple of 16 bytes).
  (func (export "accumulateN")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $g i32) (param $res i32) (param $stride i32)
    (local $end i32) (local $at i32) (local $c i32) (local $ce i32) (local $v i32) (local $o i32)
    (local $lane i32) (local $x v128)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $rows) (local.get $end)))
        (local.set $at (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
        (local.set $c (i32.add (local.get $cols) (i32.shl (i32.load (local.get $at)) (i32.const 1))))
        (local.set $ce (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $at)) (i32.const 1))))
        (local.set $v (i32.add (local.get $vals) (i32.shl (i32.load (local.get $at)) (i32.const 2))))
        (block $rowDone
          (loop $entry
            (br_if $rowDone (i32.ge_u (local.get $c) (local.get $ce)))
            (local.set $x (f32x4.splat (f32.load (local.get $v))))
            (local.set $o (i32.add (local.get $g) (i32.mul (i32.load16_u (local.get $c)) (local.get $stride))))
            (local.set $lane (i32.const 0))
            (loop $lanes
              (v128.store (i32.add (local.get $o) (local.get $lane))
                (f32x4.add
                  (v128.load (i32.add (local.get $o) (local.get $lane)))
                  (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $res) (local.get $lane))))))
              (local.set $lane (i32.add (local.get $lane) (i32.const 16)))
              (br_if $lanes (i32.lt_u (local.get $lane) (local.get $stride))))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (local.set $v (i32.add (local.get $v) (i32.const 4)))
            (br $entry)))
        (local.set $res (i32.add (local.get $res) (local.get $stride)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (br $row))))

  ;; g64[j] += g32[j] in float64, then g32[j] = 0, for `bytes` bytes of g32 (a multiple of 16).
  ;; Blocks of rows accumulate in float32; this keeps the running total over all rows in float64.
  (func (export "flush") (param $g32 i32) (param $g64 i32) (param $bytes i32)
    (local $end i32) (local $a v128)
    (local.set $end (i32.add (local.get $g32) (local.get $bytes)))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $g32) (local.get $end)))
        (local.set $a (v128.load (local.get $g32)))
        (v128.store (local.get $g64)
          (f64x2.add (v128.load (local.get $g64)) (f64x2.promote_low_f32x4 (local.get $a))))
        (v128.store offset=16 (local.get $g64)
          (f64x2.add
            (v128.load offset=16 (local.get $g64))
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))))
        (v128.store (local.get $g32) (v128.const i64x2 0 0))
        (local.set $g32 (i32.add (local.get $g32) (i32.const 16)))
        (local.set $g64 (i32.add (local.get $g64) (i32.const 32)))
        (br $chunk))))
)
