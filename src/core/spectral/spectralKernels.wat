;; WebAssembly SIMD (f64x2) kernels of the spectral code: the pivoted Cholesky behind the low-rank diffusion
;; spectral entropy (spectralLowRank.ts). (The fused pass of the Householder tridiagonalisation of
;; symmetricEigenvalues.ts is in tridiagonalKernels.wat, over a shared memory.) Assembled with wabt
;; (`wat2wasm --enable-simd`); the bytes are embedded in spectralWasm.ts and a test checks that they match this
;; source.
;; Layout: the columns of Z are stored one after another, each m doubles long (m = n rounded up to even, the
;; padding entry is 0), starting at byte offset $z. All pointers are byte offsets.
(module
  (memory (export "memory") 1)

  ;; With prev = rank - 1 and c_l = z_l[p]:
  ;;   col <- col - sum_{l <= prev} c_l z_l                     (the new column, before scaling)
  ;;   gram[l] = z_l . z_prev for l < prev                       (the pending Gram row of column prev)
  ;; Columns are taken four at a time so that each load of col and z_prev serves four of them.
  (func (export "cholUpdate") (param $z i32) (param $m i32) (param $prev i32) (param $p i32) (param $col i32) (param $gram i32)
    (local $len i32) (local $pOff i32) (local $l i32) (local $i i32)
    (local $z0 i32) (local $z1 i32) (local $z2 i32) (local $z3 i32) (local $zp i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $w v128)
    (if (i32.lt_s (local.get $prev) (i32.const 0)) (then (return)))
    (local.set $len (i32.shl (local.get $m) (i32.const 3)))
    (local.set $pOff (i32.shl (local.get $p) (i32.const 3)))
    (local.set $zp (i32.add (local.get $z) (i32.mul (local.get $prev) (local.get $len))))
    ;; blocks of four columns
    (local.set $l (i32.const 0))
    (block $done4
      (loop $cols4
        (br_if $done4 (i32.gt_s (i32.add (local.get $l) (i32.const 4)) (local.get $prev)))
        (local.set $z0 (i32.add (local.get $z) (i32.mul (local.get $l) (local.get $len))))
        (local.set $z1 (i32.add (local.get $z0) (local.get $len)))
        (local.set $z2 (i32.add (local.get $z1) (local.get $len)))
        (local.set $z3 (i32.add (local.get $z2) (local.get $len)))
        (local.set $c0 (f64x2.splat (f64.load (i32.add (local.get $z0) (local.get $pOff)))))
        (local.set $c1 (f64x2.splat (f64.load (i32.add (local.get $z1) (local.get $pOff)))))
        (local.set $c2 (f64x2.splat (f64.load (i32.add (local.get $z2) (local.get $pOff)))))
        (local.set $c3 (f64x2.splat (f64.load (i32.add (local.get $z3) (local.get $pOff)))))
        (local.set $d0 (v128.const i64x2 0 0))
        (local.set $d1 (v128.const i64x2 0 0))
        (local.set $d2 (v128.const i64x2 0 0))
        (local.set $d3 (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $rows
            (br_if $doneI (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $v0 (v128.load (i32.add (local.get $z0) (local.get $i))))
            (local.set $v1 (v128.load (i32.add (local.get $z1) (local.get $i))))
            (local.set $v2 (v128.load (i32.add (local.get $z2) (local.get $i))))
            (local.set $v3 (v128.load (i32.add (local.get $z3) (local.get $i))))
            (local.set $w (v128.load (i32.add (local.get $zp) (local.get $i))))
            (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (local.get $v0) (local.get $w))))
            (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (local.get $v1) (local.get $w))))
            (local.set $d2 (f64x2.add (local.get $d2) (f64x2.mul (local.get $v2) (local.get $w))))
            (local.set $d3 (f64x2.add (local.get $d3) (f64x2.mul (local.get $v3) (local.get $w))))
            (v128.store (i32.add (local.get $col) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $col) (local.get $i)))
                (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $c0) (local.get $v0)) (f64x2.mul (local.get $c1) (local.get $v1)))
                  (f64x2.add (f64x2.mul (local.get $c2) (local.get $v2)) (f64x2.mul (local.get $c3) (local.get $v3))))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $rows)))
        (f64.store (i32.add (local.get $gram) (i32.shl (local.get $l) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $d0)) (f64x2.extract_lane 1 (local.get $d0))))
        (f64.store (i32.add (local.get $gram) (i32.shl (i32.add (local.get $l) (i32.const 1)) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $d1)) (f64x2.extract_lane 1 (local.get $d1))))
        (f64.store (i32.add (local.get $gram) (i32.shl (i32.add (local.get $l) (i32.const 2)) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $d2)) (f64x2.extract_lane 1 (local.get $d2))))
        (f64.store (i32.add (local.get $gram) (i32.shl (i32.add (local.get $l) (i32.const 3)) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $d3)) (f64x2.extract_lane 1 (local.get $d3))))
        (local.set $l (i32.add (local.get $l) (i32.const 4)))
        (br $cols4)))
    ;; the remaining columns below prev, one at a time
    (block $done1
      (loop $cols1
        (br_if $done1 (i32.ge_s (local.get $l) (local.get $prev)))
        (local.set $z0 (i32.add (local.get $z) (i32.mul (local.get $l) (local.get $len))))
        (local.set $c0 (f64x2.splat (f64.load (i32.add (local.get $z0) (local.get $pOff)))))
        (local.set $d0 (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $doneJ
          (loop $rows1
            (br_if $doneJ (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $v0 (v128.load (i32.add (local.get $z0) (local.get $i))))
            (local.set $d0 (f64x2.add (local.get $d0)
              (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $zp) (local.get $i))))))
            (v128.store (i32.add (local.get $col) (local.get $i))
              (f64x2.sub (v128.load (i32.add (local.get $col) (local.get $i))) (f64x2.mul (local.get $c0) (local.get $v0))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $rows1)))
        (f64.store (i32.add (local.get $gram) (i32.shl (local.get $l) (i32.const 3)))
          (f64.add (f64x2.extract_lane 0 (local.get $d0)) (f64x2.extract_lane 1 (local.get $d0))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $cols1)))
    ;; column prev itself: update only
    (local.set $c0 (f64x2.splat (f64.load (i32.add (local.get $zp) (local.get $pOff)))))
    (local.set $i (i32.const 0))
    (block $doneK
      (loop $rows2
        (br_if $doneK (i32.ge_u (local.get $i) (local.get $len)))
        (v128.store (i32.add (local.get $col) (local.get $i))
          (f64x2.sub (v128.load (i32.add (local.get $col) (local.get $i)))
            (f64x2.mul (local.get $c0) (v128.load (i32.add (local.get $zp) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $rows2))))
)
