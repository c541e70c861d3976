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

  ;; e^x per lane for x ≤ 0 (Cephes expf: x = n·ln2 + r, |r| ≤ ln2/2, degree-6 polynomial in r,
  ;; times 2^n built in the exponent bits). Relative error ~2e-7; below −87.3 it returns 2^−126
  ;; rather than 0, which no softmax can tell apart from 0.
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.max (local.get $x) (v128.const f32x4 -87.33654 -87.33654 -87.33654 -87.33654)))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x)
      (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x)
        (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    ;; p·r² + r + 1
    (local.set $p (f32x4.add
      (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
      (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127))
        (i32.const 23))))

  ;; Logits → residuals P − Y in place for `count` rows `stride` bytes apart, k classes, labels u8
  ;; per row. Per row: max and argmax (ties to the lowest class), e = exp(z − max) masked to the
  ;; k real lanes, p = e / Σe; then p[label] −= 1. Writes info[r] = (Σe, max − z[label]) as two f32
  ;; so the caller can add log Σe + max − z[label] in float64, adds each residual row into
  ;; biasAcc, and returns how many rows had argmax = label.
  (func (export "softmax")
    (param $out i32) (param $count i32) (param $stride i32) (param $k i32) (param $labels i32)
    (param $mask i32) (param $info i32) (param $biasAcc i32) (result i32)
    (local $end i32) (local $c i32) (local $lane i32) (local $arg i32) (local $label i32)
    (local $correct i32) (local $max f32) (local $z f32) (local $sum f32) (local $at i32)
    (local $e v128) (local $sumv v128) (local $maxv v128) (local $inv v128)
    (local.set $end (i32.add (local.get $out) (i32.mul (local.get $count) (local.get $stride))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $max (f32.load (local.get $out)))
        (local.set $arg (i32.const 0))
        (local.set $c (i32.const 1))
        (block $maxDone
          (loop $scan
            (br_if $maxDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $z (f32.load (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2)))))
            (if (f32.gt (local.get $z) (local.get $max))
              (then (local.set $max (local.get $z)) (local.set $arg (local.get $c))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $scan)))
        (local.set $label (i32.load8_u (local.get $labels)))
        (local.set $correct
          (i32.add (local.get $correct) (i32.eq (local.get $arg) (local.get $label))))
        (f32.store offset=4 (local.get $info)
          (f32.sub (local.get $max)
            (f32.load (i32.add (local.get $out) (i32.shl (local.get $label) (i32.const 2))))))
        (local.set $maxv (f32x4.splat (local.get $max)))
        (local.set $sumv (v128.const i32x4 0 0 0 0))
        (local.set $lane (i32.const 0))
        (loop $exps
          (local.set $at (i32.add (local.get $out) (local.get $lane)))
          (local.set $e (v128.and
            (call $exp (f32x4.sub (v128.load (local.get $at)) (local.get $maxv)))
            (v128.load (i32.add (local.get $mask) (local.get $lane)))))
          (v128.store (local.get $at) (local.get $e))
          (local.set $sumv (f32x4.add (local.get $sumv) (local.get $e)))
          (local.set $lane (i32.add (local.get $lane) (i32.const 16)))
          (br_if $exps (i32.lt_u (local.get $lane) (local.get $stride))))
        (local.set $sum (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $sumv)) (f32x4.extract_lane 1 (local.get $sumv)))
          (f32.add (f32x4.extract_lane 2 (local.get $sumv)) (f32x4.extract_lane 3 (local.get $sumv)))))
        (f32.store (local.get $info) (local.get $sum))
        (local.set $inv (f32x4.splat (f32.div (f32.const 1) (local.get $sum))))
        (local.set $lane (i32.const 0))
        (loop $probabilities
          (local.set $at (i32.add (local.get $out) (local.get $lane)))
          (local.set $e (f32x4.mul (v128.load (local.get $at)) (local.get $inv)))
          (v128.store (local.get $at) (local.get $e))
          (local.set $at (i32.add (local.get $biasAcc) (local.get $lane)))
          (v128.store (local.get $at) (f32x4.add (v128.load (local.get $at)) (local.get $e)))
          (local.set $lane (i32.add (local.get $lane) (i32.const 16)))
          (br_if $probabilities (i32.lt_u (local.get $lane) (local.get $stride))))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $label) (i32.const 2))))
        (f32.store (local.get $at) (f32.sub (f32.load (local.get $at)) (f32.const 1)))
        (local.set $at (i32.add (local.get $biasAcc) (i32.shl (local.get $label) (i32.const 2))))
        (f32.store (local.get $at) (f32.sub (f32.load (local.get $at)) (f32.const 1)))
        (local.set $out (i32.add (local.get $out) (local.get $stride)))
        (local.set $labels (i32.add (local.get $labels) (i32.const 1)))
        (local.set $info (i32.add (local.get $info) (i32.const 8)))
        (br $row)))
    (local.get $correct))
)
