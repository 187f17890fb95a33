;; WebAssembly SIMD (f64x2) kernel of the PCA subspace iteration (core/pca.ts): the tall-skinny products
;; W = (A - mean) B^T and Z += W^T A in one pass over a chunk of rows, so each row is read once while it is in cache.
;; Assembled with wabt (`wat2wasm --enable-simd`); the bytes are embedded in pcaWasm.ts and a test checks that
;; they match this source. All matrices are row-major; pointers are byte offsets, 16-byte aligned.
;; The caller pads: d (row length, doubles) even, l (basis rows) a multiple of 4 with zero rows, the row count
;; even with a zero row. A zero padding row adds nothing to Z (its W row is ignored), a zero basis row gives a
;; zero column of W and a zero row of Z, so the padding changes no result.
(module
  (memory (export "memory") 1)

  ;; Sum of the two lanes.
  (func $hsum (param $s v128) (result f64)
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; For each row r < rows of A (rows x d at $a): W[r, j] = A[r] . B[j] - mb[j] for j < l (W rows x l at $w,
  ;; B l x d at $b, mb l at $mb); then, when $acc is not 0, Z[j] += W[r, j] A[r] (Z l x d at $z).
  ;; Rows are taken two at a time, so each load of B and of Z serves two rows.
  (func (export "pass") (param $rows i32) (param $d i32) (param $l i32) (param $b i32) (param $z i32)
    (param $mb i32) (param $w i32) (param $a i32) (param $acc i32)
    (local $rb i32) (local $r i32) (local $a0 i32) (local $a1 i32) (local $w0 i32) (local $w1 i32)
    (local $j i32) (local $off i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $m i32)
    (local $v0 v128) (local $v1 v128) (local $q v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128)
    (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $rb (i32.shl (local.get $d) (i32.const 3)))
    (local.set $r (i32.const 0))
    (block $doneR
      (loop $lr
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $rb))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rb)))
        (local.set $w0 (i32.add (local.get $w) (i32.shl (i32.mul (local.get $r) (local.get $l)) (i32.const 3))))
        (local.set $w1 (i32.add (local.get $w0) (i32.shl (local.get $l) (i32.const 3))))
        ;; W rows r and r + 1, four basis rows at a time
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $lj
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $l)))
            (local.set $p0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rb))))
            (local.set $p1 (i32.add (local.get $p0) (local.get $rb)))
            (local.set $p2 (i32.add (local.get $p1) (local.get $rb)))
            (local.set $p3 (i32.add (local.get $p2) (local.get $rb)))
            (local.set $s00 (v128.const f64x2 0 0))
            (local.set $s01 (v128.const f64x2 0 0))
            (local.set $s02 (v128.const f64x2 0 0))
            (local.set $s03 (v128.const f64x2 0 0))
            (local.set $s10 (v128.const f64x2 0 0))
            (local.set $s11 (v128.const f64x2 0 0))
            (local.set $s12 (v128.const f64x2 0 0))
            (local.set $s13 (v128.const f64x2 0 0))
            (local.set $off (i32.const 0))
            (block $doneC
              (loop $lc
                (br_if $doneC (i32.ge_u (local.get $off) (local.get $rb)))
                (local.set $v0 (v128.load (i32.add (local.get $a0) (local.get $off))))
                (local.set $v1 (v128.load (i32.add (local.get $a1) (local.get $off))))
                (local.set $q (v128.load (i32.add (local.get $p0) (local.get $off))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v0) (local.get $q))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $v1) (local.get $q))))
                (local.set $q (v128.load (i32.add (local.get $p1) (local.get $off))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v0) (local.get $q))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $v1) (local.get $q))))
                (local.set $q (v128.load (i32.add (local.get $p2) (local.get $off))))
                (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $v0) (local.get $q))))
                (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $v1) (local.get $q))))
                (local.set $q (v128.load (i32.add (local.get $p3) (local.get $off))))
                (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $v0) (local.get $q))))
                (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $v1) (local.get $q))))
                (local.set $off (i32.add (local.get $off) (i32.const 16)))
                (br $lc)))
            (local.set $m (i32.add (local.get $mb) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p0 (i32.add (local.get $w0) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $p1 (i32.add (local.get $w1) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store offset=0 (local.get $p0) (f64.sub (call $hsum (local.get $s00)) (f64.load offset=0 (local.get $m))))
            (f64.store offset=8 (local.get $p0) (f64.sub (call $hsum (local.get $s01)) (f64.load offset=8 (local.get $m))))
            (f64.store offset=16 (local.get $p0) (f64.sub (call $hsum (local.get $s02)) (f64.load offset=16 (local.get $m))))
            (f64.store offset=24 (local.get $p0) (f64.sub (call $hsum (local.get $s03)) (f64.load offset=24 (local.get $m))))
            (f64.store offset=0 (local.get $p1) (f64.sub (call $hsum (local.get $s10)) (f64.load offset=0 (local.get $m))))
            (f64.store offset=8 (local.get $p1) (f64.sub (call $hsum (local.get $s11)) (f64.load offset=8 (local.get $m))))
            (f64.store offset=16 (local.get $p1) (f64.sub (call $hsum (local.get $s12)) (f64.load offset=16 (local.get $m))))
            (f64.store offset=24 (local.get $p1) (f64.sub (call $hsum (local.get $s13)) (f64.load offset=24 (local.get $m))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $lj)))
        ;; Z[j] += W[r, j] A[r] + W[r + 1, j] A[r + 1]
        (if (local.get $acc)
          (then
            (local.set $j (i32.const 0))
            (block $doneZ
              (loop $lz
                (br_if $doneZ (i32.ge_u (local.get $j) (local.get $l)))
                (local.set $p0 (i32.add (local.get $z) (i32.mul (local.get $j) (local.get $rb))))
                (local.set $s00 (f64x2.splat (f64.load (i32.add (local.get $w0) (i32.shl (local.get $j) (i32.const 3))))))
                (local.set $s10 (f64x2.splat (f64.load (i32.add (local.get $w1) (i32.shl (local.get $j) (i32.const 3))))))
                (local.set $off (i32.const 0))
                (block $doneZc
                  (loop $lzc
                    (br_if $doneZc (i32.ge_u (local.get $off) (local.get $rb)))
                    (local.set $p1 (i32.add (local.get $p0) (local.get $off)))
                    (v128.store (local.get $p1)
                      (f64x2.add (v128.load (local.get $p1))
                        (f64x2.add
                          (f64x2.mul (local.get $s00) (v128.load (i32.add (local.get $a0) (local.get $off))))
                          (f64x2.mul (local.get $s10) (v128.load (i32.add (local.get $a1) (local.get $off)))))))
                    (local.set $off (i32.add (local.get $off) (i32.const 16)))
                    (br $lzc)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $lz)))))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $lr)))))
