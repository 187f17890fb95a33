;; WebAssembly SIMD (f64x2) kernels of the d x d scatter matrix Z'Z (gramLogDet.ts `scatterLower`), behind the
;; effective rank and the coding rate. Assembled with wabt (`wat2wasm --enable-simd`); the bytes are embedded in
;; scatterWasm.ts and a test checks that they match this source.
;;
;; The two lanes of a vector are two neighbouring columns of the same row, never two rows: every entry of the
;; result is then summed over the rows in their order, one product at a time, exactly as the TypeScript kernel
;; sums it, so both give the same numbers bit for bit (WebAssembly has no fused multiply-add here).
;;
;; Layout: the rows of the n x d matrix one after another (row stride d doubles), followed by at least 64 bytes of
;; zeros: the kernels read up to 7 doubles past the last column of a row (the lanes of a 4-wide or 8-wide group
;; beyond column d), whose sums and products only reach entries that are never read (`center` writes them back
;; unchanged). All pointers are byte offsets.
(module
  (memory (export "memory") 1)

  ;; out[c] = sum over the n rows, in order, of data[i d + c], for c < 8 ceil(d / 8) (out holds that many doubles;
  ;; the entries c >= d are sums of whatever follows each row). Eight columns (four vectors, four independent
  ;; chains of additions) per pass over the rows.
  (func (export "colSums") (param $data i32) (param $n i32) (param $d i32) (param $out i32)
    (local $rowBytes i32) (local $c i32) (local $i i32) (local $p i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $c (i32.const 0))
    (block $doneC
      (loop $cols
        (br_if $doneC (i32.ge_s (local.get $c) (local.get $d)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $data) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $rows
            (br_if $doneI (i32.ge_s (local.get $i) (local.get $n)))
            (local.set $s0 (f64x2.add (local.get $s0) (v128.load (local.get $p))))
            (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $p))))
            (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $p))))
            (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 3))))
        (v128.store (local.get $p) (local.get $s0))
        (v128.store offset=16 (local.get $p) (local.get $s1))
        (v128.store offset=32 (local.get $p) (local.get $s2))
        (v128.store offset=48 (local.get $p) (local.get $s3))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $cols))))

  ;; data[i d + c] -= mean[c] for every row i < n and column c < d, in place, eight columns (four vectors of the
  ;; mean, kept in registers) per pass over the rows. The mean holds 8 ceil(d / 8) doubles, zero from d on: the
  ;; lanes past column d subtract +0 from the next row's values (or the zeros after the last row), which leaves
  ;; every value as it is.
  (func (export "center") (param $data i32) (param $n i32) (param $d i32) (param $mean i32)
    (local $rowBytes i32) (local $c i32) (local $i i32) (local $p i32)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $c (i32.const 0))
    (block $doneC
      (loop $cols
        (br_if $doneC (i32.ge_s (local.get $c) (local.get $d)))
        (local.set $p (i32.add (local.get $mean) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $m0 (v128.load (local.get $p)))
        (local.set $m1 (v128.load offset=16 (local.get $p)))
        (local.set $m2 (v128.load offset=32 (local.get $p)))
        (local.set $m3 (v128.load offset=48 (local.get $p)))
        (local.set $p (i32.add (local.get $data) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $rows
            (br_if $doneI (i32.ge_s (local.get $i) (local.get $n)))
            (v128.store (local.get $p) (f64x2.sub (v128.load (local.get $p)) (local.get $m0)))
            (v128.store offset=16 (local.get $p) (f64x2.sub (v128.load offset=16 (local.get $p)) (local.get $m1)))
            (v128.store offset=32 (local.get $p) (f64x2.sub (v128.load offset=32 (local.get $p)) (local.get $m2)))
            (v128.store offset=48 (local.get $p) (f64x2.sub (v128.load offset=48 (local.get $p)) (local.get $m3)))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $cols))))

  ;; The i32 0, 1, ..., n - 1 at `rows` (the row list of all n rows, for `scatter`).
  (func (export "allRows") (param $rows i32) (param $n i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; The rows grouped by class: for i = 0..n-1 in order, with c the i32 at ids + 4 i, the i32 i goes to
  ;; rows + 4 next[c] and next[c] (the i32 at next + 4 c, first the start of class c's list) is incremented.
  (func (export "groupRows") (param $ids i32) (param $n i32) (param $next i32) (param $rows i32)
    (local $i i32) (local $slot i32) (local $k i32)
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $slot (i32.add (local.get $next)
          (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2))))
        (local.set $k (i32.load (local.get $slot)))
        (i32.store (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
        (i32.store (local.get $slot) (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; The lower triangle of sum_i z_i z_i' over the `count` rows whose indices are the i32 at `rows`, in that
  ;; order, written into the scratch matrix at `g`: D x D doubles row-major, D = d rounded up to a multiple of 4,
  ;; entry (p, q) at g + 8 (p D + q). Blocks of 4 x 4 entries, each block one pass over the rows with its sums in
  ;; registers: rows p0..p0+3 as splats, columns q0..q0+3 as two vectors. Entries with p or q >= d, and the upper
  ;; part of the diagonal blocks, hold unspecified values.
  (func (export "scatter") (param $data i32) (param $d i32) (param $rows i32) (param $count i32) (param $g i32)
    (local $rowBytes i32) (local $gRow i32) (local $p0 i32) (local $q0 i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $gRow (i32.shl (i32.and (i32.add (local.get $d) (i32.const 3)) (i32.const -4)) (i32.const 3)))
    (local.set $p0 (i32.const 0))
    (block $doneP
      (loop $blockRows
        (br_if $doneP (i32.ge_s (local.get $p0) (local.get $d)))
        (local.set $q0 (i32.const 0))
        (block $doneQ
          (loop $blocks
            (br_if $doneQ (i32.ge_s (local.get $q0) (local.get $p0)))
            (call $block (local.get $data) (local.get $rowBytes) (local.get $rows) (local.get $count)
              (i32.shl (local.get $p0) (i32.const 3)) (i32.shl (local.get $q0) (i32.const 3))
              (i32.add (local.get $g) (i32.add (i32.mul (local.get $p0) (local.get $gRow)) (i32.shl (local.get $q0) (i32.const 3))))
              (local.get $gRow))
            (local.set $q0 (i32.add (local.get $q0) (i32.const 4)))
            (br $blocks)))
        (call $diagonalBlock (local.get $data) (local.get $rowBytes) (local.get $rows) (local.get $count)
          (i32.shl (local.get $p0) (i32.const 3))
          (i32.add (local.get $g) (i32.add (i32.mul (local.get $p0) (local.get $gRow)) (i32.shl (local.get $p0) (i32.const 3))))
          (local.get $gRow))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
        (br $blockRows))))

  ;; The 4 x 4 block at rows pOff / 8, columns qOff / 8 (q0 < p0): eight sums s_rk, r the row, k the column pair.
  (func $block (param $data i32) (param $rowBytes i32) (param $rows i32) (param $count i32) (param $pOff i32) (param $qOff i32) (param $out i32) (param $gRow i32)
    (local $i i32) (local $b i32) (local $p i32) (local $q i32)
    (local $y0 v128) (local $y1 v128) (local $z v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $s00 (v128.const i64x2 0 0))
    (local.set $s01 (v128.const i64x2 0 0))
    (local.set $s10 (v128.const i64x2 0 0))
    (local.set $s11 (v128.const i64x2 0 0))
    (local.set $s20 (v128.const i64x2 0 0))
    (local.set $s21 (v128.const i64x2 0 0))
    (local.set $s30 (v128.const i64x2 0 0))
    (local.set $s31 (v128.const i64x2 0 0))
    (local.set $i (i32.const 0))
    (block $doneI
      (loop $each
        (br_if $doneI (i32.ge_s (local.get $i) (local.get $count)))
        (local.set $b (i32.add (local.get $data)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $p (i32.add (local.get $b) (local.get $pOff)))
        (local.set $q (i32.add (local.get $b) (local.get $qOff)))
        (local.set $y0 (v128.load (local.get $q)))
        (local.set $y1 (v128.load offset=16 (local.get $q)))
        (local.set $z (v128.load64_splat (local.get $p)))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $z (v128.load64_splat offset=8 (local.get $p)))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $z (v128.load64_splat offset=16 (local.get $p)))
        (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $z (v128.load64_splat offset=24 (local.get $p)))
        (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (v128.store (local.get $out) (local.get $s00))
    (v128.store offset=16 (local.get $out) (local.get $s01))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s10))
    (v128.store offset=16 (local.get $out) (local.get $s11))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s20))
    (v128.store offset=16 (local.get $out) (local.get $s21))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s30))
    (v128.store offset=16 (local.get $out) (local.get $s31)))

  ;; The diagonal 4 x 4 block at rows and columns pOff / 8: rows 0 and 1 need only the first column pair.
  (func $diagonalBlock (param $data i32) (param $rowBytes i32) (param $rows i32) (param $count i32) (param $pOff i32) (param $out i32) (param $gRow i32)
    (local $i i32) (local $p i32)
    (local $y0 v128) (local $y1 v128) (local $z v128)
    (local $s00 v128) (local $s10 v128) (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $s00 (v128.const i64x2 0 0))
    (local.set $s10 (v128.const i64x2 0 0))
    (local.set $s20 (v128.const i64x2 0 0))
    (local.set $s21 (v128.const i64x2 0 0))
    (local.set $s30 (v128.const i64x2 0 0))
    (local.set $s31 (v128.const i64x2 0 0))
    (local.set $i (i32.const 0))
    (block $doneI
      (loop $each
        (br_if $doneI (i32.ge_s (local.get $i) (local.get $count)))
        (local.set $p (i32.add (i32.add (local.get $data) (local.get $pOff))
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $y0 (v128.load (local.get $p)))
        (local.set $y1 (v128.load offset=16 (local.get $p)))
        (local.set $z (v128.load64_splat (local.get $p)))
        (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $z (v128.load64_splat offset=8 (local.get $p)))
        (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $z (v128.load64_splat offset=16 (local.get $p)))
        (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $z (v128.load64_splat offset=24 (local.get $p)))
        (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $z) (local.get $y0))))
        (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $z) (local.get $y1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (v128.store (local.get $out) (local.get $s00))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s10))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s20))
    (v128.store offset=16 (local.get $out) (local.get $s21))
    (local.set $out (i32.add (local.get $out) (local.get $gRow)))
    (v128.store (local.get $out) (local.get $s30))
    (v128.store offset=16 (local.get $out) (local.get $s31)))
)
