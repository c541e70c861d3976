;; Exact k-nearest-neighbour search with projection bounds, one query at a time.
;;
;; Every pointer is a byte offset into the imported memory. The index (laid out by
;; search-kernel.ts) holds, for n training rows of d features:
;;   - the rows as compressed sparse rows (rowStart i32 × (n+1), cols u16, vals f32) and their
;;     squared norms xn (f64, see $sumSquares);
;;   - their projections onto m = 64 orthonormal directions (f32, n × m, used only to build the rest);
;;   - those coordinates rounded to integers of at most 1023 in magnitude (scale · p(x)):
;;     the first 32 in blocks of 4 rows (block b, coordinate pair p is one v128 of i16 lanes
;;     [x(4b)[2p], x(4b)[2p+1], x(4b+1)[2p], x(4b+1)[2p+1], ...]) with their integer squared norms
;;     (i32; padding rows hold 0x7fffffff so that they never pass), and the other 32 as one
;;     64-byte row each (coords2).
;;
;; A query is searched in three stages, each a lower bound on the squared distance that may only
;; discard rows it proves to be farther than the current k-th nearest (projection-bounds.ts
;; derives the error terms; they are precomputed into the settings block):
;;   1. for all rows, ‖q̃ − x̃‖² over the first 32 integer coordinates (i16 dot products, exact in i32);
;;   2. for rows that pass, ‖q̃ − x̃‖² over all 64;
;;   3. for rows that pass, the squared distance ‖q‖² + ‖x‖² − 2 q·x in float64.
;; The k rows with the smallest (distance, row) pairs are kept in ascending order.

(module
  (import "env" "memory" (memory 1))

  ;; Settings block (cfg) fields, byte offsets:
  ;;   0 n   4 d   8 m   12 k   16 blocks   20 qnorms   24 proj   28 rowStart   32 cols   36 vals
  ;;   40 xn   44 partial   48 topIdx   52 topDist   56 heapIdx   60 heapVal   64 basis   68 center
  ;;   72 qProj   76 nBlocks   80 qPairs (32 × i32 scratch)   84 qRowStart (2 × i32 scratch)
  ;;   88 scale f64   96 rootOnePlusF f64   104 etaA f64   112 etaB f64   120 xMax f64
  ;;   136 exactError f64
  ;;   144 passed stage 1 (i32, accumulates)   148 passed stage 2 (i32, accumulates)   152 coords2
  ;;   156 cands (256 × i32 scratch)

  (global $thr1 (mut i32) (i32.const 0))
  (global $thr2 (mut f64) (f64.const 0))
  (global $useStage1 (mut i32) (i32.const 1))
  (global $qn (mut f64) (f64.const 0))
  (global $qnInt (mut f64) (f64.const 0))

  ;; out[r] = (Σ over row r's entries of value × basis[col]) − center, for rows first..first+count−1,
  ;; in float32, 32 coordinates per pass (eight accumulators in registers).
  (func $project (export "project")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $first i32) (param $count i32)
    (param $basis i32) (param $m i32) (param $center i32) (param $out i32)
    (local $r i32) (local $end i32) (local $p i32) (local $pEnd i32) (local $t i32) (local $mb i32)
    (local $bp i32) (local $o i32) (local $x v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $mb (i32.shl (local.get $m) (i32.const 2)))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (local.set $r (local.get $first))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $end)))
      (local.set $o (i32.add (local.get $out)
        (i32.mul (i32.sub (local.get $r) (local.get $first)) (local.get $mb))))
      (local.set $t (i32.const 0))
      (block $passesDone (loop $passes
        (br_if $passesDone (i32.ge_u (local.get $t) (local.get $mb)))
        (local.set $bp (i32.add (local.get $center) (local.get $t)))
        (local.set $a0 (f32x4.neg (v128.load offset=0 (local.get $bp))))
        (local.set $a1 (f32x4.neg (v128.load offset=16 (local.get $bp))))
        (local.set $a2 (f32x4.neg (v128.load offset=32 (local.get $bp))))
        (local.set $a3 (f32x4.neg (v128.load offset=48 (local.get $bp))))
        (local.set $a4 (f32x4.neg (v128.load offset=64 (local.get $bp))))
        (local.set $a5 (f32x4.neg (v128.load offset=80 (local.get $bp))))
        (local.set $a6 (f32x4.neg (v128.load offset=96 (local.get $bp))))
        (local.set $a7 (f32x4.neg (v128.load offset=112 (local.get $bp))))
        (local.set $p (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $pEnd (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $r) (i32.const 2)))))
        (block $entriesDone (loop $entries
          (br_if $entriesDone (i32.ge_u (local.get $p) (local.get $pEnd)))
          (local.set $x (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))
          (local.set $bp (i32.add (i32.add (local.get $basis) (local.get $t))
            (i32.mul (i32.load16_u (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 1)))) (local.get $mb))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load offset=0 (local.get $bp)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $bp)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $bp)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (v128.load offset=48 (local.get $bp)))))
          (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $x) (v128.load offset=64 (local.get $bp)))))
          (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $x) (v128.load offset=80 (local.get $bp)))))
          (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $x) (v128.load offset=96 (local.get $bp)))))
          (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $x) (v128.load offset=112 (local.get $bp)))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $entries)))
        (local.set $bp (i32.add (local.get $o) (local.get $t)))
        (v128.store offset=0 (local.get $bp) (local.get $a0))
        (v128.store offset=16 (local.get $bp) (local.get $a1))
        (v128.store offset=32 (local.get $bp) (local.get $a2))
        (v128.store offset=48 (local.get $bp) (local.get $a3))
        (v128.store offset=64 (local.get $bp) (local.get $a4))
        (v128.store offset=80 (local.get $bp) (local.get $a5))
        (v128.store offset=96 (local.get $bp) (local.get $a6))
        (v128.store offset=112 (local.get $bp) (local.get $a7))
        (local.set $t (i32.add (local.get $t) (i32.const 128)))
        (br $passes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; out[r] = ‖row r‖² (float64) for rows first..first+count−1.
  (func (export "sqNorms") (param $rowStart i32) (param $cols i32) (param $vals i32) (param $first i32) (param $count i32) (param $out i32)
    (local $r i32) (local $rs i32)
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $rs (i32.add (local.get $rowStart) (i32.shl (i32.add (local.get $first) (local.get $r)) (i32.const 2))))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3)))
        (call $sumSquares (i32.load (local.get $rs)) (i32.load offset=4 (local.get $rs)) (local.get $cols) (local.get $vals)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; Sums over entries p..end−1 in float64 as four interleaved sums (entry i of the range goes to sum
  ;; i mod 4), added as (s0 + s1) + (s2 + s3): the same order for a row's ‖x‖², a query's ‖q‖² and
  ;; q·x, so a query equal to a row gets exactly distance 0.
  ;; $sumSquares: Σ value².
  (func $sumSquares (param $p i32) (param $end i32) (param $cols i32) (param $vals i32) (result f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $end4 i32) (local $v f64)
    (local.set $end4 (i32.sub (local.get $end) (i32.and (i32.sub (local.get $end) (local.get $p)) (i32.const 3))))
    (block $done (loop $four
      (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))) (local.get $v))))
      (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2)))))) (local.get $v))))
      (local.set $s2 (f64.add (local.get $s2) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 2)))))) (local.get $v))))
      (local.set $s3 (f64.add (local.get $s3) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 3)) (i32.const 2)))))) (local.get $v))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $four)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))) (local.get $v))))))
    (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
      (then (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2)))))) (local.get $v))))))
    (if (i32.lt_u (i32.add (local.get $p) (i32.const 2)) (local.get $end))
      (then (local.set $s2 (f64.add (local.get $s2) (f64.mul (local.tee $v (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 2)))))) (local.get $v))))))
    (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3))))

  ;; $dotDense: Σ value × q[column], q dense float32.
  (func $dotDense (param $p i32) (param $end i32) (param $cols i32) (param $vals i32) (param $q i32) (result f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $end4 i32) (local $v f64)
    (local.set $end4 (i32.sub (local.get $end) (i32.and (i32.sub (local.get $end) (local.get $p)) (i32.const 3))))
    (block $done (loop $four
      (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 1)))) (i32.const 2))))))))
      (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 1)))) (i32.const 2))))))))
      (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 1)))) (i32.const 2))))))))
      (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 3)) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (i32.add (local.get $p) (i32.const 3)) (i32.const 1)))) (i32.const 2))))))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $four)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (local.get $p) (i32.const 1)))) (i32.const 2))))))))))
    (if (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
      (then (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 1)))) (i32.const 2))))))))))
    (if (i32.lt_u (i32.add (local.get $p) (i32.const 2)) (local.get $end))
      (then (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 2))))) (f64.promote_f32 (f32.load (i32.add (local.get $q) (i32.shl (i32.load16_u (i32.add (local.get $cols) (i32.shl (i32.add (local.get $p) (i32.const 2)) (i32.const 1)))) (i32.const 2))))))))))
    (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3))))

  ;; The squared distance from the query (dense float32 at q, squared norm $qn) to training row j:
  ;; ‖q‖² + ‖x‖² − 2 q·x in float64.
  (func $exact (param $cfg i32) (param $q i32) (param $j i32) (result f64)
    (local $rs i32) (local $dot f64)
    (local.set $rs (i32.add (i32.load offset=28 (local.get $cfg)) (i32.shl (local.get $j) (i32.const 2))))
    (local.set $dot (call $dotDense (i32.load (local.get $rs)) (i32.load offset=4 (local.get $rs))
      (i32.load offset=32 (local.get $cfg)) (i32.load offset=36 (local.get $cfg)) (local.get $q)))
    (f64.sub
      (f64.add (global.get $qn)
        (f64.load (i32.add (i32.load offset=40 (local.get $cfg)) (i32.shl (local.get $j) (i32.const 3)))))
      (f64.add (local.get $dot) (local.get $dot))))

  ;; Insert (e, j) into the ascending top-k lists, which it must precede at their last place.
  (func $insertTop (param $cfg i32) (param $e f64) (param $j i32)
    (local $idx i32) (local $dist i32) (local $pos i32) (local $prevD f64) (local $prevI i32)
    (local.set $idx (i32.load offset=48 (local.get $cfg)))
    (local.set $dist (i32.load offset=52 (local.get $cfg)))
    (local.set $pos (i32.sub (i32.load offset=12 (local.get $cfg)) (i32.const 1)))
    (block $placed (loop $shift
      (br_if $placed (i32.eqz (local.get $pos)))
      (local.set $prevD (f64.load (i32.add (local.get $dist) (i32.shl (i32.sub (local.get $pos) (i32.const 1)) (i32.const 3)))))
      (local.set $prevI (i32.load (i32.add (local.get $idx) (i32.shl (i32.sub (local.get $pos) (i32.const 1)) (i32.const 2)))))
      (br_if $placed (i32.eqz (i32.or (f64.gt (local.get $prevD) (local.get $e))
        (i32.and (f64.eq (local.get $prevD) (local.get $e)) (i32.gt_s (local.get $prevI) (local.get $j))))))
      (f64.store (i32.add (local.get $dist) (i32.shl (local.get $pos) (i32.const 3))) (local.get $prevD))
      (i32.store (i32.add (local.get $idx) (i32.shl (local.get $pos) (i32.const 2))) (local.get $prevI))
      (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
      (br $shift)))
    (f64.store (i32.add (local.get $dist) (i32.shl (local.get $pos) (i32.const 3))) (local.get $e))
    (i32.store (i32.add (local.get $idx) (i32.shl (local.get $pos) (i32.const 2))) (local.get $j)))

  ;; Insert (v, j) into the ascending list of the k smallest stage-1 values, if v is below its last.
  (func $offer (param $cfg i32) (param $v i32) (param $j i32)
    (local $idx i32) (local $val i32) (local $pos i32) (local $prev i32)
    (local.set $idx (i32.load offset=56 (local.get $cfg)))
    (local.set $val (i32.load offset=60 (local.get $cfg)))
    (local.set $pos (i32.sub (i32.load offset=12 (local.get $cfg)) (i32.const 1)))
    (if (i32.ge_s (local.get $v) (i32.load (i32.add (local.get $val) (i32.shl (local.get $pos) (i32.const 2)))))
      (then (return)))
    (block $placed (loop $shift
      (br_if $placed (i32.eqz (local.get $pos)))
      (local.set $prev (i32.load (i32.add (local.get $val) (i32.shl (i32.sub (local.get $pos) (i32.const 1)) (i32.const 2)))))
      (br_if $placed (i32.le_s (local.get $prev) (local.get $v)))
      (i32.store (i32.add (local.get $val) (i32.shl (local.get $pos) (i32.const 2))) (local.get $prev))
      (i32.store (i32.add (local.get $idx) (i32.shl (local.get $pos) (i32.const 2)))
        (i32.load (i32.add (local.get $idx) (i32.shl (i32.sub (local.get $pos) (i32.const 1)) (i32.const 2)))))
      (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
      (br $shift)))
    (i32.store (i32.add (local.get $val) (i32.shl (local.get $pos) (i32.const 2))) (local.get $v))
    (i32.store (i32.add (local.get $idx) (i32.shl (local.get $pos) (i32.const 2))) (local.get $j)))

  ;; Thresholds from the current k-th squared distance T (see projection-bounds.ts):
  ;;   T' = T + exactError·(‖q‖² + xMax²)          (float64 rounding of the exact distances)
  ;;   r  = rootOnePlusF·√T' + etaA·(‖q‖ + xMax) + etaB   (projection rounding, basis not quite orthonormal)
  ;;   stage 2 passes when ‖q̃ − x̃‖² ≤ (scale·r + √64·(1 + 1e-6))²  (integer rounding, 64 coordinates)
  ;;   stage 1 passes when ‖q̃ − x̃‖² ≤ (scale·r + √32·(1 + 1e-6))²  (integer rounding, 32 coordinates)
  (func $thresholds (param $cfg i32)
    (local $t f64) (local $r f64) (local $big f64) (local $xMax f64)
    (local.set $xMax (f64.load offset=120 (local.get $cfg)))
    (local.set $t (f64.load (i32.add (i32.load offset=52 (local.get $cfg))
      (i32.shl (i32.sub (i32.load offset=12 (local.get $cfg)) (i32.const 1)) (i32.const 3)))))
    (local.set $t (f64.add (local.get $t) (f64.mul (f64.load offset=136 (local.get $cfg))
      (f64.add (global.get $qn) (f64.mul (local.get $xMax) (local.get $xMax))))))
    (local.set $r (f64.add
      (f64.mul (f64.load offset=96 (local.get $cfg)) (f64.sqrt (f64.max (local.get $t) (f64.const 0))))
      (f64.add (f64.mul (f64.load offset=104 (local.get $cfg))
          (f64.add (f64.sqrt (global.get $qn)) (local.get $xMax)))
        (f64.load offset=112 (local.get $cfg)))))
    (if (i32.eqz (global.get $useStage1))
      (then (global.set $thr1 (i32.const 0x7ffffffe)) (global.set $thr2 (f64.const inf)) (return)))
    (local.set $r (f64.mul (f64.load offset=88 (local.get $cfg)) (local.get $r)))
    (local.set $big (f64.add (local.get $r) (f64.const 8.000008)))
    (global.set $thr2 (f64.add (f64.floor (f64.mul (f64.mul (local.get $big) (local.get $big)) (f64.const 1.000000000001))) (f64.const 1)))
    (local.set $big (f64.add (local.get $r) (f64.const 5.656860)))
    (local.set $big (f64.sub
      (f64.add (f64.floor (f64.mul (f64.mul (local.get $big) (local.get $big)) (f64.const 1.000000000001))) (f64.const 1))
      (global.get $qnInt)))
    (global.set $thr1 (i32.trunc_sat_f64_s (f64.min (local.get $big) (f64.const 2147483646)))))

  ;; The k nearest training rows of the dense float32 query at q (d values), written to topIdx and
  ;; topDist in ascending (distance, row) order. qCompressed (rowStart pair, cols, vals) is the same
  ;; query as compressed entries, for its projection.
  (func $search (export "search") (param $cfg i32) (param $q i32) (param $qCols i32) (param $qVals i32)
    (local $n i32) (local $d i32) (local $m i32) (local $k i32) (local $i i32) (local $v f32)
    (local $acc f64) (local $scale f64) (local $a f64) (local $b f64) (local $qp i32) (local $pairs i32)
    (local $blk i32) (local $qnorm i32) (local $out i32) (local $c i32) (local $nBlocks i32)
    (local $vec v128) (local $mask i32) (local $j i32) (local $lane i32) (local $e f64)
    (local $proj i32) (local $qProj i32) (local $pj i32) (local $t i32) (local $mb i32) (local $s v128) (local $dv v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $q4 v128) (local $q5 v128) (local $q6 v128) (local $q7 v128)
    (local $q8 v128) (local $q9 v128) (local $q10 v128) (local $q11 v128)
    (local $q12 v128) (local $q13 v128) (local $q14 v128) (local $q15 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $coords2 i32)
    (local $cands i32) (local $count i32) (local $kept i32) (local $chunkEnd i32)
    (local $topIdx i32) (local $topDist i32) (local $partial i32) (local $qnI f64)
    (local.set $coords2 (i32.load offset=152 (local.get $cfg)))
    (local.set $n (i32.load offset=0 (local.get $cfg)))
    (local.set $d (i32.load offset=4 (local.get $cfg)))
    (local.set $m (i32.load offset=8 (local.get $cfg)))
    (local.set $k (i32.load offset=12 (local.get $cfg)))
    (local.set $nBlocks (i32.load offset=76 (local.get $cfg)))
    (local.set $partial (i32.load offset=44 (local.get $cfg)))
    (local.set $topIdx (i32.load offset=48 (local.get $cfg)))
    (local.set $topDist (i32.load offset=52 (local.get $cfg)))
    (local.set $proj (i32.load offset=24 (local.get $cfg)))
    (local.set $qProj (i32.load offset=72 (local.get $cfg)))
    (local.set $mb (i32.shl (local.get $m) (i32.const 2)))

    ;; ‖q‖² in float64, summed over its entries as the rows' norms are.
    (global.set $qn (call $sumSquares (i32.const 0)
      (i32.load offset=4 (i32.load offset=84 (local.get $cfg))) (local.get $qCols) (local.get $qVals)))

    ;; Project the query (its compressed entries, one row).
    (call $project (i32.load offset=84 (local.get $cfg)) (local.get $qCols) (local.get $qVals)
      (i32.const 0) (i32.const 1) (i32.load offset=64 (local.get $cfg)) (local.get $m)
      (i32.load offset=68 (local.get $cfg)) (local.get $qProj))

    ;; Round its 64 coordinates as the rows' were, into pairs of i16 (the first 16 pairs for stage 1,
    ;; the next 16 for stage 2). Beyond ±8191 the i32 sums could overflow, so such a query skips both
    ;; stages (every row is measured exactly).
    (global.set $useStage1 (i32.const 1))
    (local.set $scale (f64.load offset=88 (local.get $cfg)))
    (local.set $pairs (i32.load offset=80 (local.get $cfg)))
    (local.set $qnI (f64.const 0))
    (local.set $i (i32.const 0))
    (block $done (loop $round
      (br_if $done (i32.ge_u (local.get $i) (i32.const 32)))
      (local.set $a (f64.nearest (f64.mul (local.get $scale)
        (f64.promote_f32 (f32.load (i32.add (local.get $qProj) (i32.shl (local.get $i) (i32.const 3))))))))
      (local.set $b (f64.nearest (f64.mul (local.get $scale)
        (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $qProj) (i32.shl (local.get $i) (i32.const 3))))))))
      (if (i32.or (f64.gt (f64.abs (local.get $a)) (f64.const 8191)) (f64.gt (f64.abs (local.get $b)) (f64.const 8191)))
        (then (global.set $useStage1 (i32.const 0)) (local.set $a (f64.const 0)) (local.set $b (f64.const 0))))
      (i32.store (i32.add (local.get $pairs) (i32.shl (local.get $i) (i32.const 2)))
        (i32.or (i32.and (i32.trunc_f64_s (local.get $a)) (i32.const 0xffff))
          (i32.shl (i32.trunc_f64_s (local.get $b)) (i32.const 16))))
      (if (i32.lt_u (local.get $i) (i32.const 16))
        (then (local.set $qnI (f64.add (local.get $qnI)
          (f64.add (f64.mul (local.get $a) (local.get $a)) (f64.mul (local.get $b) (local.get $b)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $round)))
    (if (i32.eqz (global.get $useStage1))
      (then
        (memory.fill (local.get $pairs) (i32.const 0) (i32.const 128))
        (local.set $qnI (f64.const 0))))
    (global.set $qnInt (local.get $qnI))
    (local.set $q0 (v128.load32_splat offset=0 (local.get $pairs)))
    (local.set $q1 (v128.load32_splat offset=4 (local.get $pairs)))
    (local.set $q2 (v128.load32_splat offset=8 (local.get $pairs)))
    (local.set $q3 (v128.load32_splat offset=12 (local.get $pairs)))
    (local.set $q4 (v128.load32_splat offset=16 (local.get $pairs)))
    (local.set $q5 (v128.load32_splat offset=20 (local.get $pairs)))
    (local.set $q6 (v128.load32_splat offset=24 (local.get $pairs)))
    (local.set $q7 (v128.load32_splat offset=28 (local.get $pairs)))
    (local.set $q8 (v128.load32_splat offset=32 (local.get $pairs)))
    (local.set $q9 (v128.load32_splat offset=36 (local.get $pairs)))
    (local.set $q10 (v128.load32_splat offset=40 (local.get $pairs)))
    (local.set $q11 (v128.load32_splat offset=44 (local.get $pairs)))
    (local.set $q12 (v128.load32_splat offset=48 (local.get $pairs)))
    (local.set $q13 (v128.load32_splat offset=52 (local.get $pairs)))
    (local.set $q14 (v128.load32_splat offset=56 (local.get $pairs)))
    (local.set $q15 (v128.load32_splat offset=60 (local.get $pairs)))
    (local.set $c0 (v128.load offset=64 (local.get $pairs)))
    (local.set $c1 (v128.load offset=80 (local.get $pairs)))
    (local.set $c2 (v128.load offset=96 (local.get $pairs)))
    (local.set $c3 (v128.load offset=112 (local.get $pairs)))

    ;; Stage 1 over all rows: partial = ‖x̃‖² − 2 q̃·x̃ (so ‖q̃ − x̃‖² = qnInt + partial), keeping
    ;; the k rows with the smallest values as the first candidates.
    (local.set $i (i32.const 0))
    (block $done (loop $fillHeap
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (i32.store (i32.add (i32.load offset=60 (local.get $cfg)) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0x7fffffff))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $fillHeap)))
    (local.set $blk (i32.load offset=16 (local.get $cfg)))
    (local.set $qnorm (i32.load offset=20 (local.get $cfg)))
    (local.set $out (local.get $partial))
    (local.set $c (i32.const 0))
    (local.set $s (i32x4.splat (i32.load (i32.add (i32.load offset=60 (local.get $cfg))
      (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2))))))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $c) (local.get $nBlocks)))
      (local.set $vec (i32x4.dot_i16x8_s (v128.load offset=0 (local.get $blk)) (local.get $q0)))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=16 (local.get $blk)) (local.get $q1))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=32 (local.get $blk)) (local.get $q2))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=48 (local.get $blk)) (local.get $q3))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=64 (local.get $blk)) (local.get $q4))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=80 (local.get $blk)) (local.get $q5))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=96 (local.get $blk)) (local.get $q6))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=112 (local.get $blk)) (local.get $q7))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=128 (local.get $blk)) (local.get $q8))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=144 (local.get $blk)) (local.get $q9))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=160 (local.get $blk)) (local.get $q10))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=176 (local.get $blk)) (local.get $q11))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=192 (local.get $blk)) (local.get $q12))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=208 (local.get $blk)) (local.get $q13))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=224 (local.get $blk)) (local.get $q14))))
      (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (v128.load offset=240 (local.get $blk)) (local.get $q15))))
      (local.set $vec (i32x4.sub (v128.load (local.get $qnorm)) (i32x4.shl (local.get $vec) (i32.const 1))))
      (v128.store (local.get $out) (local.get $vec))
      (if (v128.any_true (i32x4.lt_s (local.get $vec) (local.get $s)))
        (then
          (local.set $j (i32.shl (local.get $c) (i32.const 2)))
          (call $offer (local.get $cfg) (i32.load offset=0 (local.get $out)) (local.get $j))
          (call $offer (local.get $cfg) (i32.load offset=4 (local.get $out)) (i32.add (local.get $j) (i32.const 1)))
          (call $offer (local.get $cfg) (i32.load offset=8 (local.get $out)) (i32.add (local.get $j) (i32.const 2)))
          (call $offer (local.get $cfg) (i32.load offset=12 (local.get $out)) (i32.add (local.get $j) (i32.const 3)))
          (local.set $s (i32x4.splat (i32.load (i32.add (i32.load offset=60 (local.get $cfg))
            (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2))))))))
      (local.set $blk (i32.add (local.get $blk) (i32.const 256)))
      (local.set $qnorm (i32.add (local.get $qnorm) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $blocks)))

    ;; The k first candidates, measured exactly; their stage-1 values are marked as done.
    (local.set $i (i32.const 0))
    (block $done (loop $clear
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (f64.store (i32.add (local.get $topDist) (i32.shl (local.get $i) (i32.const 3))) (f64.const inf))
      (i32.store (i32.add (local.get $topIdx) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0x7fffffff))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $clear)))
    (local.set $i (i32.const 0))
    (block $done (loop $first
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (local.set $j (i32.load (i32.add (i32.load offset=56 (local.get $cfg)) (i32.shl (local.get $i) (i32.const 2)))))
      (call $insertTop (local.get $cfg) (call $exact (local.get $cfg) (local.get $q) (local.get $j)) (local.get $j))
      (i32.store (i32.add (local.get $partial) (i32.shl (local.get $j) (i32.const 2))) (i32.const 0x7fffffff))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $first)))
    (call $thresholds (local.get $cfg))

    ;; Stages 2 and 3, CHUNK_BLOCKS blocks (256 rows) at a time: first the rows whose stage-1 value
    ;; passes, then their stage-2 values (loads independent of each other, so the memory system
    ;; overlaps them), then the exact distances of those that pass, each row that enters the k
    ;; nearest tightening the thresholds.
    (local.set $cands (i32.load offset=156 (local.get $cfg)))
    (local.set $c (i32.const 0))
    (block $done (loop $chunks
      (br_if $done (i32.ge_u (local.get $c) (local.get $nBlocks)))
      (local.set $chunkEnd (i32.add (local.get $c) (i32.const 64)))
      (if (i32.gt_u (local.get $chunkEnd) (local.get $nBlocks))
        (then (local.set $chunkEnd (local.get $nBlocks))))
      ;; Stage 1's survivors.
      (local.set $count (i32.const 0))
      (local.set $s (i32x4.splat (global.get $thr1)))
      (block $aDone (loop $a
        (br_if $aDone (i32.ge_u (local.get $c) (local.get $chunkEnd)))
        (local.set $mask (i32x4.bitmask (i32x4.le_s
          (v128.load (i32.add (local.get $partial) (i32.shl (local.get $c) (i32.const 4)))) (local.get $s))))
        (block $lanesDone (loop $lanes
          (br_if $lanesDone (i32.eqz (local.get $mask)))
          (i32.store (i32.add (local.get $cands) (i32.shl (local.get $count) (i32.const 2)))
            (i32.add (i32.shl (local.get $c) (i32.const 2)) (i32.ctz (local.get $mask))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
          (br $lanes)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $a)))
      (i32.store offset=144 (local.get $cfg) (i32.add (i32.load offset=144 (local.get $cfg)) (local.get $count)))
      ;; Stage 2: the integer distance over all 64 coordinates (stage 1's 32 and the next 32);
      ;; the rows that pass are kept at the front of the list.
      (local.set $kept (i32.const 0))
      (local.set $i (i32.const 0))
      (block $bDone (loop $b
        (br_if $bDone (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $j (i32.load (i32.add (local.get $cands) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $pj (i32.add (local.get $coords2) (i32.shl (local.get $j) (i32.const 6))))
        (local.set $dv (i16x8.sub (local.get $c0) (v128.load offset=0 (local.get $pj))))
        (local.set $vec (i32x4.dot_i16x8_s (local.get $dv) (local.get $dv)))
        (local.set $dv (i16x8.sub (local.get $c1) (v128.load offset=16 (local.get $pj))))
        (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (local.get $dv) (local.get $dv))))
        (local.set $dv (i16x8.sub (local.get $c2) (v128.load offset=32 (local.get $pj))))
        (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (local.get $dv) (local.get $dv))))
        (local.set $dv (i16x8.sub (local.get $c3) (v128.load offset=48 (local.get $pj))))
        (local.set $vec (i32x4.add (local.get $vec) (i32x4.dot_i16x8_s (local.get $dv) (local.get $dv))))
        ;; Each lane is below 2^30; their sum need not be, so it is taken in float64 (exact).
        (if (f64.le
              (f64.add
                (f64.add
                  (f64.add (f64.convert_i32_s (i32x4.extract_lane 0 (local.get $vec)))
                    (f64.convert_i32_s (i32x4.extract_lane 1 (local.get $vec))))
                  (f64.add (f64.convert_i32_s (i32x4.extract_lane 2 (local.get $vec)))
                    (f64.convert_i32_s (i32x4.extract_lane 3 (local.get $vec)))))
                (f64.add (global.get $qnInt)
                  (f64.convert_i32_s (i32.load (i32.add (local.get $partial) (i32.shl (local.get $j) (i32.const 2)))))))
              (global.get $thr2))
          (then
            (i32.store (i32.add (local.get $cands) (i32.shl (local.get $kept) (i32.const 2))) (local.get $j))
            (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $b)))
      (i32.store offset=148 (local.get $cfg) (i32.add (i32.load offset=148 (local.get $cfg)) (local.get $kept)))
      ;; Stage 3: exact distances.
      (local.set $i (i32.const 0))
      (block $cDone (loop $exacts
        (br_if $cDone (i32.ge_u (local.get $i) (local.get $kept)))
        (local.set $j (i32.load (i32.add (local.get $cands) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $e (call $exact (local.get $cfg) (local.get $q) (local.get $j)))
        (local.set $a (f64.load (i32.add (local.get $topDist) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 3)))))
        (if (i32.or (f64.lt (local.get $e) (local.get $a))
              (i32.and (f64.eq (local.get $e) (local.get $a))
                (i32.lt_s (local.get $j) (i32.load (i32.add (local.get $topIdx) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2)))))))
          (then
            (call $insertTop (local.get $cfg) (local.get $e) (local.get $j))
            (call $thresholds (local.get $cfg))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $exacts)))
      (br $chunks)))))
