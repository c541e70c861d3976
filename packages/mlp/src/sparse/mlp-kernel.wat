;; The sparse MLP kernel: the first layer of a one-hidden-layer perceptron on compressed sparse
;; rows (16-bit column, float32 value per nonzero), and the small dense second layer, in float32
;; WebAssembly SIMD. Assembled by `pnpm kernel` (wat-module from @digitlab/kernels) into
;; mlp-kernel-binary.ts. Every pointer is a byte offset into the imported memory; hidden vectors are
;; hs4 bytes (4·hs, hs = hidden units padded to a multiple of 4), class vectors ks4 bytes.
;;
;; The two products with the 784 × h weights, H = relu(X·W1 + b1) and G1 += Xᵀ·dZ1, visit only the
;; stored nonzeros: per nonzero x_ij, one row of W1 (or of G1) is read (or updated) as 4-lane
;; vectors. Hidden units are handled in tiles (of 16 in the forward product, 32 in the backward
;; one) whose vectors stay in registers, then in tiles of 4 for what remains.
(module
  (import "env" "memory" (memory 1))

  ;; out[r] = relu(b1 + Σ_(j, v) in row v · W1[j]) for the `count` rows whose indices are at `rows`.
  ;; Tiles of 16 hidden units, two nonzeros a turn: four accumulators, two splats and the eight
  ;; vectors of W1 a turn reads fit the sixteen SIMD registers of x64 (with wider tiles V8 spills
  ;; accumulators to the stack every turn), and the sums keep their one-at-a-time order.
  (func (export "hidden")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $w1 i32) (param $b1 i32) (param $out i32) (param $hs4 i32)
    (local $rowsEnd i32) (local $i i32) (local $p0 i32) (local $pend i32) (local $q0 i32)
    (local $p i32) (local $q i32) (local $t i32) (local $tiles i32) (local $w i32)
    (local $x i32) (local $u v128) (local $v v128) (local $zero v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $rows) (local.get $rowsEnd)))
      (local.set $i (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
      (local.set $p0 (i32.add (local.get $cols) (i32.shl (i32.load (local.get $i)) (i32.const 1))))
      (local.set $pend (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $i)) (i32.const 1))))
      (local.set $q0 (i32.add (local.get $vals) (i32.shl (i32.load (local.get $i)) (i32.const 2))))
      (local.set $t (i32.const 0))
      (local.set $tiles (i32.and (local.get $hs4) (i32.const -64)))
      (block $tilesDone (loop $tile
        (br_if $tilesDone (i32.ge_u (local.get $t) (local.get $tiles)))
        (local.set $a0 (v128.load offset=0 (i32.add (local.get $b1) (local.get $t))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $t))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $b1) (local.get $t))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $b1) (local.get $t))))
        (local.set $p (local.get $p0))
        (local.set $q (local.get $q0))
        (block $pairsDone (loop $pair
          (br_if $pairsDone (i32.ge_u (i32.add (local.get $p) (i32.const 2)) (local.get $pend)))
          (local.set $v (v128.load32_splat (local.get $q)))
          (local.set $u (v128.load32_splat offset=4 (local.get $q)))
          (local.set $w (i32.add (i32.add (local.get $w1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t)))
          (local.set $x (i32.add (i32.add (local.get $w1) (i32.mul (i32.load16_u offset=2 (local.get $p)) (local.get $hs4))) (local.get $t)))
          (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $w)))) (f32x4.mul (local.get $u) (v128.load offset=0 (local.get $x)))))
          (local.set $a1 (f32x4.add (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $w)))) (f32x4.mul (local.get $u) (v128.load offset=16 (local.get $x)))))
          (local.set $a2 (f32x4.add (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $w)))) (f32x4.mul (local.get $u) (v128.load offset=32 (local.get $x)))))
          (local.set $a3 (f32x4.add (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $w)))) (f32x4.mul (local.get $u) (v128.load offset=48 (local.get $x)))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br $pair)))
        (block $oneDone (loop $one
          (br_if $oneDone (i32.ge_u (local.get $p) (local.get $pend)))
          (local.set $v (v128.load32_splat (local.get $q)))
          (local.set $w (i32.add (i32.add (local.get $w1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $w)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $w)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $w)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $w)))))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $one)))
        (v128.store offset=0 (i32.add (local.get $out) (local.get $t)) (f32x4.max (local.get $a0) (local.get $zero)))
        (v128.store offset=16 (i32.add (local.get $out) (local.get $t)) (f32x4.max (local.get $a1) (local.get $zero)))
        (v128.store offset=32 (i32.add (local.get $out) (local.get $t)) (f32x4.max (local.get $a2) (local.get $zero)))
        (v128.store offset=48 (i32.add (local.get $out) (local.get $t)) (f32x4.max (local.get $a3) (local.get $zero)))
        (local.set $t (i32.add (local.get $t) (i32.const 64)))
        (br $tile)))
      (block $restDone (loop $rest
        (br_if $restDone (i32.ge_u (local.get $t) (local.get $hs4)))
        (local.set $a0 (v128.load (i32.add (local.get $b1) (local.get $t))))
        (local.set $p (local.get $p0))
        (local.set $q (local.get $q0))
        (block $nzDone (loop $nz
          (br_if $nzDone (i32.ge_u (local.get $p) (local.get $pend)))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul
            (v128.load32_splat (local.get $q))
            (v128.load (i32.add (i32.add (local.get $w1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t))))))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $nz)))
        (v128.store (i32.add (local.get $out) (local.get $t)) (f32x4.max (local.get $a0) (local.get $zero)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $rest)))
      (local.set $out (i32.add (local.get $out) (local.get $hs4)))
      (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
      (br $row))))

  ;; G1[j] += v · dz[r] for every nonzero (j, v) of the `count` listed rows: G1 += Xᵀ·dZ1. Tiles of
  ;; dz that are all zero (units the ReLU switched off) are skipped.
  (func (export "scatter")
    (param $rowStart i32) (param $cols i32) (param $vals i32) (param $rows i32) (param $count i32)
    (param $g1 i32) (param $dz i32) (param $hs4 i32)
    (local $rowsEnd i32) (local $i i32) (local $p0 i32) (local $pend i32) (local $q0 i32)
    (local $p i32) (local $q i32) (local $t i32) (local $tiles i32) (local $w i32)
    (local $x i32) (local $u v128)
    (local $v v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $rowsEnd (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $tiles (i32.and (local.get $hs4) (i32.const -128)))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $rows) (local.get $rowsEnd)))
      (local.set $i (i32.add (local.get $rowStart) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
      (local.set $p0 (i32.add (local.get $cols) (i32.shl (i32.load (local.get $i)) (i32.const 1))))
      (local.set $pend (i32.add (local.get $cols) (i32.shl (i32.load offset=4 (local.get $i)) (i32.const 1))))
      (local.set $q0 (i32.add (local.get $vals) (i32.shl (i32.load (local.get $i)) (i32.const 2))))
      (local.set $t (i32.const 0))
      (block $tilesDone (loop $tile
        (br_if $tilesDone (i32.ge_u (local.get $t) (local.get $tiles)))
          (local.set $a0 (v128.load offset=0 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a1 (v128.load offset=16 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a2 (v128.load offset=32 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a3 (v128.load offset=48 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a4 (v128.load offset=64 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a5 (v128.load offset=80 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a6 (v128.load offset=96 (i32.add (local.get $dz) (local.get $t))))
          (local.set $a7 (v128.load offset=112 (i32.add (local.get $dz) (local.get $t))))
        (if (v128.any_true (v128.or (v128.or (v128.or (v128.or (v128.or (v128.or (v128.or (local.get $a0) (local.get $a1)) (local.get $a2)) (local.get $a3)) (local.get $a4)) (local.get $a5)) (local.get $a6)) (local.get $a7)))
          (then
            (local.set $p (local.get $p0))
            (local.set $q (local.get $q0))
            ;; two nonzeros a turn (two different rows of G1)
            (block $pairsDone (loop $pair
              (br_if $pairsDone (i32.ge_u (i32.add (local.get $p) (i32.const 2)) (local.get $pend)))
              (local.set $v (v128.load32_splat (local.get $q)))
              (local.set $u (v128.load32_splat offset=4 (local.get $q)))
              (local.set $w (i32.add (i32.add (local.get $g1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t)))
              (local.set $x (i32.add (i32.add (local.get $g1) (i32.mul (i32.load16_u offset=2 (local.get $p)) (local.get $hs4))) (local.get $t)))
              (v128.store offset=0 (local.get $w) (f32x4.add (v128.load offset=0 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a0))))
              (v128.store offset=16 (local.get $w) (f32x4.add (v128.load offset=16 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a1))))
              (v128.store offset=32 (local.get $w) (f32x4.add (v128.load offset=32 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a2))))
              (v128.store offset=48 (local.get $w) (f32x4.add (v128.load offset=48 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a3))))
              (v128.store offset=64 (local.get $w) (f32x4.add (v128.load offset=64 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a4))))
              (v128.store offset=80 (local.get $w) (f32x4.add (v128.load offset=80 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a5))))
              (v128.store offset=96 (local.get $w) (f32x4.add (v128.load offset=96 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a6))))
              (v128.store offset=112 (local.get $w) (f32x4.add (v128.load offset=112 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a7))))
              (v128.store offset=0 (local.get $x) (f32x4.add (v128.load offset=0 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a0))))
              (v128.store offset=16 (local.get $x) (f32x4.add (v128.load offset=16 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a1))))
              (v128.store offset=32 (local.get $x) (f32x4.add (v128.load offset=32 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a2))))
              (v128.store offset=48 (local.get $x) (f32x4.add (v128.load offset=48 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a3))))
              (v128.store offset=64 (local.get $x) (f32x4.add (v128.load offset=64 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a4))))
              (v128.store offset=80 (local.get $x) (f32x4.add (v128.load offset=80 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a5))))
              (v128.store offset=96 (local.get $x) (f32x4.add (v128.load offset=96 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a6))))
              (v128.store offset=112 (local.get $x) (f32x4.add (v128.load offset=112 (local.get $x)) (f32x4.mul (local.get $u) (local.get $a7))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $q (i32.add (local.get $q) (i32.const 8)))
              (br $pair)))
            (if (i32.lt_u (local.get $p) (local.get $pend))
              (then
              (local.set $v (v128.load32_splat (local.get $q)))
              (local.set $w (i32.add (i32.add (local.get $g1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t)))
              (v128.store offset=0 (local.get $w) (f32x4.add (v128.load offset=0 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a0))))
              (v128.store offset=16 (local.get $w) (f32x4.add (v128.load offset=16 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a1))))
              (v128.store offset=32 (local.get $w) (f32x4.add (v128.load offset=32 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a2))))
              (v128.store offset=48 (local.get $w) (f32x4.add (v128.load offset=48 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a3))))
              (v128.store offset=64 (local.get $w) (f32x4.add (v128.load offset=64 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a4))))
              (v128.store offset=80 (local.get $w) (f32x4.add (v128.load offset=80 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a5))))
              (v128.store offset=96 (local.get $w) (f32x4.add (v128.load offset=96 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a6))))
              (v128.store offset=112 (local.get $w) (f32x4.add (v128.load offset=112 (local.get $w)) (f32x4.mul (local.get $v) (local.get $a7))))))))
        (local.set $t (i32.add (local.get $t) (i32.const 128)))
        (br $tile)))
      (block $restDone (loop $rest
        (br_if $restDone (i32.ge_u (local.get $t) (local.get $hs4)))
        (local.set $a0 (v128.load (i32.add (local.get $dz) (local.get $t))))
        (local.set $p (local.get $p0))
        (local.set $q (local.get $q0))
        (block $nzDone (loop $nz
          (br_if $nzDone (i32.ge_u (local.get $p) (local.get $pend)))
          (local.set $w (i32.add (i32.add (local.get $g1) (i32.mul (i32.load16_u (local.get $p)) (local.get $hs4))) (local.get $t)))
          (v128.store (local.get $w) (f32x4.add (v128.load (local.get $w))
            (f32x4.mul (v128.load32_splat (local.get $q)) (local.get $a0))))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $nz)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $rest)))
      (local.set $dz (i32.add (local.get $dz) (local.get $hs4)))
      (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
      (br $row))))

  ;; out[r] = b2 + Σ_j hid[r, j] · W2[j] for `count` consecutive hidden vectors (hs units each);
  ;; units at zero (switched off by the ReLU) add nothing and are skipped.
  (func (export "logits")
    (param $hid i32) (param $count i32) (param $hs i32) (param $w2 i32) (param $b2 i32)
    (param $out i32) (param $ks4 i32)
    (local $r i32) (local $j i32) (local $c i32) (local $hj f32) (local $s v128) (local $wrow i32)
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $c (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
        (v128.store (i32.add (local.get $out) (local.get $c)) (v128.load (i32.add (local.get $b2) (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (local.set $j (i32.const 0))
      (block $unitsDone (loop $unit
        (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $hs)))
        (local.set $hj (f32.load (i32.add (local.get $hid) (i32.shl (local.get $j) (i32.const 2)))))
        (if (f32.ne (local.get $hj) (f32.const 0))
          (then
            (local.set $s (f32x4.splat (local.get $hj)))
            (local.set $wrow (i32.add (local.get $w2) (i32.mul (local.get $j) (local.get $ks4))))
            (local.set $c (i32.const 0))
            (block $d (loop $l
              (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
              (v128.store (i32.add (local.get $out) (local.get $c))
                (f32x4.add (v128.load (i32.add (local.get $out) (local.get $c)))
                  (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $wrow) (local.get $c))))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (br $l)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $unit)))
      (local.set $hid (i32.add (local.get $hid) (i32.shl (local.get $hs) (i32.const 2))))
      (local.set $out (i32.add (local.get $out) (local.get $ks4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))

  ;; G2[j] += hid[r, j] · R[r] over `count` rows of residuals R (W2's gradient sums HᵀR); a unit
  ;; at zero adds zero.
  (func (export "outer2")
    (param $hid i32) (param $count i32) (param $hs i32) (param $res i32) (param $ks4 i32)
    (param $g2 i32)
    (local $r i32) (local $c i32) (local $s v128) (local $grow i32) (local $hend i32)
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $grow (local.get $g2))
      (local.set $hend (i32.add (local.get $hid) (i32.shl (local.get $hs) (i32.const 2))))
      (block $unitsDone (loop $unit
        (br_if $unitsDone (i32.ge_u (local.get $hid) (local.get $hend)))
        (local.set $s (v128.load32_splat (local.get $hid)))
        (local.set $c (i32.const 0))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
          (v128.store (i32.add (local.get $grow) (local.get $c))
            (f32x4.add (v128.load (i32.add (local.get $grow) (local.get $c)))
              (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $res) (local.get $c))))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (br $l)))
        (local.set $grow (i32.add (local.get $grow) (local.get $ks4)))
        (local.set $hid (i32.add (local.get $hid) (i32.const 4)))
        (br $unit)))
      (local.set $res (i32.add (local.get $res) (local.get $ks4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))

  ;; dz[r] = (R[r] · W2ᵀ) ⊙ [hid[r] > 0] over `count` rows, four units at a time from W2ᵀ (k rows of
  ;; hs4 bytes): the hidden layer's gradient, zero where the ReLU was off.
  (func (export "hiddenGradient")
    (param $hid i32) (param $count i32) (param $hs4 i32) (param $w2t i32) (param $res i32)
    (param $ks4 i32) (param $k i32) (param $dz i32)
    (local $r i32) (local $t i32) (local $c i32) (local $acc v128) (local $w i32) (local $rc i32)
    (local $rend i32)
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $rend (i32.add (local.get $res) (i32.shl (local.get $k) (i32.const 2))))
      (local.set $t (i32.const 0))
      (block $tilesDone (loop $tile
        (br_if $tilesDone (i32.ge_u (local.get $t) (local.get $hs4)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $w (i32.add (local.get $w2t) (local.get $t)))
        (local.set $rc (local.get $res))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $rc) (local.get $rend)))
          (local.set $acc (f32x4.add (local.get $acc)
            (f32x4.mul (v128.load32_splat (local.get $rc)) (v128.load (local.get $w)))))
          (local.set $w (i32.add (local.get $w) (local.get $hs4)))
          (local.set $rc (i32.add (local.get $rc) (i32.const 4)))
          (br $l)))
        (v128.store (i32.add (local.get $dz) (local.get $t))
          (v128.and (local.get $acc)
            (f32x4.gt (v128.load (i32.add (local.get $hid) (local.get $t))) (v128.const i32x4 0 0 0 0))))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $tile)))
      (local.set $hid (i32.add (local.get $hid) (local.get $hs4)))
      (local.set $dz (i32.add (local.get $dz) (local.get $hs4)))
      (local.set $res (i32.add (local.get $res) (local.get $ks4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))

  ;; `logits` for 9 to 12 classes (three class vectors held in registers), without branches: a
  ;; unit at zero adds zero.
  (func (export "logits12")
    (param $hid i32) (param $count i32) (param $hs i32) (param $w2 i32) (param $b2 i32)
    (param $out i32)
    (local $r i32) (local $j i32) (local $s v128) (local $wrow i32) (local $hend i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128)
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $a0 (v128.load (local.get $b2)))
      (local.set $a1 (v128.load offset=16 (local.get $b2)))
      (local.set $a2 (v128.load offset=32 (local.get $b2)))
      (local.set $wrow (local.get $w2))
      (local.set $hend (i32.add (local.get $hid) (i32.shl (local.get $hs) (i32.const 2))))
      (block $unitsDone (loop $unit
        (br_if $unitsDone (i32.ge_u (local.get $hid) (local.get $hend)))
        (local.set $s (v128.load32_splat (local.get $hid)))
        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load (local.get $wrow)))))
        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $wrow)))))
        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $wrow)))))
        (local.set $wrow (i32.add (local.get $wrow) (i32.const 48)))
        (local.set $hid (i32.add (local.get $hid) (i32.const 4)))
        (br $unit)))
      (v128.store (local.get $out) (local.get $a0))
      (v128.store offset=16 (local.get $out) (local.get $a1))
      (v128.store offset=32 (local.get $out) (local.get $a2))
      (local.set $out (i32.add (local.get $out) (i32.const 48)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))

  ;; dst += Σ_r src[r] over `count` consecutive vectors of `bytes` bytes (column sums).
  (func (export "colsum") (param $src i32) (param $count i32) (param $bytes i32) (param $dst i32)
    (local $end i32) (local $c i32)
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $count) (local.get $bytes))))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $c (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $bytes)))
        (v128.store (i32.add (local.get $dst) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $c)))
            (v128.load (i32.add (local.get $src) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (local.set $src (i32.add (local.get $src) (local.get $bytes)))
      (br $row))))

  ;; g64 += g32 (widened to float64), then g32 = 0, over `bytes` bytes of float32.
  (func (export "flush") (param $g32 i32) (param $g64 i32) (param $bytes i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $g32) (local.get $bytes)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $g32) (local.get $end)))
      (local.set $v (v128.load (local.get $g32)))
      (v128.store (local.get $g64)
        (f64x2.add (v128.load (local.get $g64)) (f64x2.promote_low_f32x4 (local.get $v))))
      (v128.store offset=16 (local.get $g64)
        (f64x2.add (v128.load offset=16 (local.get $g64))
          (f64x2.promote_low_f32x4
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
      (v128.store (local.get $g32) (v128.const i32x4 0 0 0 0))
      (local.set $g32 (i32.add (local.get $g32) (i32.const 16)))
      (local.set $g64 (i32.add (local.get $g64) (i32.const 32)))
      (br $next))))

  ;; dst32 = src64 rounded to float32 (as a Float32Array would), `count` values, a multiple of 4.
  (func (export "demote") (param $src i32) (param $dst i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (v128.load (local.get $src)))
          (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $src)))))
      (local.set $src (i32.add (local.get $src) (i32.const 32)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $next))))

  ;; out = (g32 + alpha · x) · scale over `count` values (a multiple of 4), the float32 sums of a
  ;; single block widened on the way, which are then reset to zero; returns Σ x².
  (func (export "penalize32")
    (param $g i32) (param $x i32) (param $out i32) (param $count i32) (param $alpha f64)
    (param $scale f64) (result f64)
    (local $end i32) (local $a v128) (local $s v128) (local $gv v128) (local $x0 v128)
    (local $x1 v128) (local $sq v128)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $s (f64x2.splat (local.get $scale)))
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
      (local.set $gv (v128.load (local.get $g)))
      (local.set $x0 (v128.load (local.get $x)))
      (local.set $x1 (v128.load offset=16 (local.get $x)))
      (local.set $sq (f64x2.add (local.get $sq)
        (f64x2.add (f64x2.mul (local.get $x0) (local.get $x0)) (f64x2.mul (local.get $x1) (local.get $x1)))))
      (v128.store (local.get $out)
        (f64x2.mul
          (f64x2.add (f64x2.promote_low_f32x4 (local.get $gv)) (f64x2.mul (local.get $a) (local.get $x0)))
          (local.get $s)))
      (v128.store offset=16 (local.get $out)
        (f64x2.mul
          (f64x2.add
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $gv) (local.get $gv)))
            (f64x2.mul (local.get $a) (local.get $x1)))
          (local.get $s)))
      (v128.store (local.get $g) (v128.const i32x4 0 0 0 0))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (local.set $out (i32.add (local.get $out) (i32.const 32)))
      (br $next)))
    (f64.add (f64x2.extract_lane 0 (local.get $sq)) (f64x2.extract_lane 1 (local.get $sq))))

  ;; out = (g + alpha · x) · scale over `count` float64 values (a multiple of 2); returns Σ x².
  (func (export "penalize")
    (param $g i32) (param $x i32) (param $out i32) (param $count i32) (param $alpha f64)
    (param $scale f64) (result f64)
    (local $end i32) (local $a v128) (local $s v128) (local $xv v128) (local $sq v128)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $s (f64x2.splat (local.get $scale)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $count) (i32.const 3))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $xv (v128.load (local.get $x)))
      (local.set $sq (f64x2.add (local.get $sq) (f64x2.mul (local.get $xv) (local.get $xv))))
      (v128.store (local.get $out)
        (f64x2.mul (f64x2.add (v128.load (local.get $g)) (f64x2.mul (local.get $a) (local.get $xv)))
          (local.get $s)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $next)))
    (f64.add (f64x2.extract_lane 0 (local.get $sq)) (f64x2.extract_lane 1 (local.get $sq))))

  ;; Adam on `count` float32 parameters w (a multiple of 4) from their float32 gradient sums g, the
  ;; update of the threaded trainer: gi = (g + alpha·w)·scale, m ← keep1·m + take1·gi,
  ;; v ← keep2·v + take2·gi², w ← w − stepScale·m / (√v·rootScale + ε); g is reset to zero.
  ;; (stepScale = lr/(1−β1ᵗ) and rootScale = 1/√(1−β2ᵗ) fold in the bias corrections.)
  (func (export "adam32")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
    (param $alpha f32) (param $scale f32) (param $keep1 f32) (param $take1 f32) (param $keep2 f32)
    (param $take2 f32) (param $stepScale f32) (param $rootScale f32) (param $eps f32)
    (local $end i32) (local $a v128) (local $s v128) (local $k1 v128) (local $t1 v128)
    (local $k2 v128) (local $t2 v128) (local $ss v128) (local $rs v128) (local $e v128)
    (local $wv v128) (local $gv v128) (local $mv v128) (local $vv v128)
    (local.set $a (f32x4.splat (local.get $alpha)))
    (local.set $s (f32x4.splat (local.get $scale)))
    (local.set $k1 (f32x4.splat (local.get $keep1)))
    (local.set $t1 (f32x4.splat (local.get $take1)))
    (local.set $k2 (f32x4.splat (local.get $keep2)))
    (local.set $t2 (f32x4.splat (local.get $take2)))
    (local.set $ss (f32x4.splat (local.get $stepScale)))
    (local.set $rs (f32x4.splat (local.get $rootScale)))
    (local.set $e (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $wv (v128.load (local.get $w)))
      (local.set $gv (f32x4.mul
        (f32x4.add (v128.load (local.get $g)) (f32x4.mul (local.get $a) (local.get $wv)))
        (local.get $s)))
      (local.set $mv (f32x4.add (f32x4.mul (local.get $k1) (v128.load (local.get $m)))
        (f32x4.mul (local.get $t1) (local.get $gv))))
      (local.set $vv (f32x4.add (f32x4.mul (local.get $k2) (v128.load (local.get $v)))
        (f32x4.mul (local.get $t2) (f32x4.mul (local.get $gv) (local.get $gv)))))
      (v128.store (local.get $m) (local.get $mv))
      (v128.store (local.get $v) (local.get $vv))
      (v128.store (local.get $w) (f32x4.sub (local.get $wv)
        (f32x4.div (f32x4.mul (local.get $ss) (local.get $mv))
          (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vv)) (local.get $rs)) (local.get $e)))))
      (v128.store (local.get $g) (v128.const i32x4 0 0 0 0))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $m (i32.add (local.get $m) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br $next))))

  ;; Over `count` float32 parameters w (a multiple of 4) and their gradient sums g, with
  ;; gi = (g + alpha·w)·scale: out[0] += Σ gi², out[1] = max(out[1], max |gi|) (NaN when a gi is
  ;; NaN), out[2] += Σ w², where out holds three float64. The sums run in four float32 lanes (they
  ;; feed a reported norm and the penalty's share of the loss), added up in float64.
  (func (export "stats32")
    (param $w i32) (param $g i32) (param $count i32) (param $alpha f32) (param $scale f32)
    (param $out i32)
    (local $end i32) (local $a v128) (local $s v128) (local $wv v128) (local $gv v128)
    (local $gsq v128) (local $wsq v128) (local $mx v128) (local $abs v128)
    (local.set $abs (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
    (local.set $a (f32x4.splat (local.get $alpha)))
    (local.set $s (f32x4.splat (local.get $scale)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
      (local.set $wv (v128.load (local.get $w)))
      (local.set $gv (f32x4.mul
        (f32x4.add (v128.load (local.get $g)) (f32x4.mul (local.get $a) (local.get $wv)))
        (local.get $s)))
      ;; |gi| as bits: the unsigned order of non-negative floats' bits is their order, with NaN
      ;; above Infinity, so an integer max keeps any NaN.
      (local.set $mx (i32x4.max_u (local.get $mx) (v128.and (local.get $gv) (local.get $abs))))
      (local.set $gsq (f32x4.add (local.get $gsq) (f32x4.mul (local.get $gv) (local.get $gv))))
      (local.set $wsq (f32x4.add (local.get $wsq) (f32x4.mul (local.get $wv) (local.get $wv))))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $next)))
    (f64.store (local.get $out) (f64.add (f64.load (local.get $out)) (call $lanes (local.get $gsq))))
    (f64.store offset=8 (local.get $out) (f64.max (f64.load offset=8 (local.get $out))
      (f64.promote_f32 (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $mx)) (f32x4.extract_lane 1 (local.get $mx)))
        (f32.max (f32x4.extract_lane 2 (local.get $mx)) (f32x4.extract_lane 3 (local.get $mx)))))))
    (f64.store offset=16 (local.get $out)
      (f64.add (f64.load offset=16 (local.get $out)) (call $lanes (local.get $wsq)))))

  ;; The four float32 lanes of v added up in float64.
  (func $lanes (param $v v128) (result f64)
    (f64.add
      (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $v)))
        (f64.promote_f32 (f32x4.extract_lane 1 (local.get $v))))
      (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $v)))
        (f64.promote_f32 (f32x4.extract_lane 3 (local.get $v))))))

  ;; exp(x) of four lanes (x ≤ 0 here; below −87 it flushes towards zero): x = n·ln2 + r with
  ;; |r| ≤ ln2/2, e^r by Cephes expf's polynomial, 2^n from the exponent bits. Within 2 ulp of exp.
  (func $exp4 (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.max (local.get $x) (f32x4.splat (f32.const -87.0))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504088896341)))))
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
      (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    (local.set $p (f32x4.add
      (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r))
      (f32x4.splat (f32.const 1.0))))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127)))
        (i32.const 23))))

  ;; Softmax cross-entropy's residuals of `count` rows of logits at z (ks4 bytes apart, k classes,
  ;; padding lanes ignored), in place: r = softmax(z) − onehot(label), labels one byte a row at
  ;; $labels. For the loss, row i's max, Σ exp(z − max) and z[label] go to stats[3i .. 3i + 2].
  (func (export "softmax")
    (param $z i32) (param $count i32) (param $ks4 i32) (param $k i32) (param $labels i32)
    (param $stats i32)
    (local $r i32) (local $c i32) (local $m v128) (local $sum v128) (local $e v128) (local $keep v128)
    (local $idx v128) (local $kv v128) (local $label v128) (local $inv v128) (local $max f32)
    (local $total f32) (local $zl f32)
    (local.set $kv (i32x4.splat (local.get $k)))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
      (local.set $label (i32x4.splat (i32.load8_u (i32.add (local.get $labels) (local.get $r)))))
      ;; max over the classes
      (local.set $m (f32x4.splat (f32.const -inf)))
      (local.set $c (i32.const 0))
      (local.set $idx (v128.const i32x4 0 1 2 3))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
        (local.set $m (f32x4.max (local.get $m)
          (v128.bitselect (v128.load (i32.add (local.get $z) (local.get $c)))
            (f32x4.splat (f32.const -inf)) (i32x4.lt_s (local.get $idx) (local.get $kv)))))
        (local.set $idx (i32x4.add (local.get $idx) (i32x4.splat (i32.const 4))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (local.set $max (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
        (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
      (local.set $m (f32x4.splat (local.get $max)))
      (local.set $zl (f32.load (i32.add (local.get $z)
        (i32.shl (i32.load8_u (i32.add (local.get $labels) (local.get $r))) (i32.const 2)))))
      ;; exp(z − max), zero in the padding lanes, and their sum
      (local.set $sum (v128.const i32x4 0 0 0 0))
      (local.set $c (i32.const 0))
      (local.set $idx (v128.const i32x4 0 1 2 3))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
        (local.set $e (v128.and
          (call $exp4 (f32x4.sub (v128.load (i32.add (local.get $z) (local.get $c))) (local.get $m)))
          (i32x4.lt_s (local.get $idx) (local.get $kv))))
        (v128.store (i32.add (local.get $z) (local.get $c)) (local.get $e))
        (local.set $sum (f32x4.add (local.get $sum) (local.get $e)))
        (local.set $idx (i32x4.add (local.get $idx) (i32x4.splat (i32.const 4))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (local.set $total (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $sum)) (f32x4.extract_lane 1 (local.get $sum)))
        (f32.add (f32x4.extract_lane 2 (local.get $sum)) (f32x4.extract_lane 3 (local.get $sum)))))
      (local.set $inv (f32x4.splat (f32.div (f32.const 1) (local.get $total))))
      ;; r = e / Σ e − onehot
      (local.set $c (i32.const 0))
      (local.set $idx (v128.const i32x4 0 1 2 3))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $ks4)))
        (v128.store (i32.add (local.get $z) (local.get $c))
          (f32x4.sub (f32x4.mul (v128.load (i32.add (local.get $z) (local.get $c))) (local.get $inv))
            (v128.and (i32x4.eq (local.get $idx) (local.get $label)) (f32x4.splat (f32.const 1)))))
        (local.set $idx (i32x4.add (local.get $idx) (i32x4.splat (i32.const 4))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $l)))
      (f32.store (local.get $stats) (local.get $max))
      (f32.store offset=4 (local.get $stats) (local.get $total))
      (f32.store offset=8 (local.get $stats) (local.get $zl))
      (local.set $stats (i32.add (local.get $stats) (i32.const 12)))
      (local.set $z (i32.add (local.get $z) (local.get $ks4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row))))
)
