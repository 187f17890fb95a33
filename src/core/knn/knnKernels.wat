;; WebAssembly SIMD (f64x2) kernels for the brute-force kNN estimators (KSG, mixed KSG).
;; Assembled with wabt (`wat2wasm --enable-simd`); the bytes are embedded in knnWasm.ts and a test checks that
;; they match this source. Data are column-major: column c of an n-sample variable starts at byte
;; cols + 8 * c * m, where m is n rounded up to even; the padding sample holds +Infinity in every column,
;; so it is never a neighbour and never counted. Rows are m doubles. All pointers are byte offsets.
(module
  (memory (export "memory") 1)

  ;; row[j] = max_c |col_c[j] - col_c[i]| for j < m (Chebyshev / max-norm distance from sample i).
  (func (export "rowChebyshev") (param $i i32) (param $m i32) (param $d i32) (param $cols i32) (param $row i32)
    (local $c i32) (local $j i32) (local $col i32) (local $v v128) (local $p i32) (local $end i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    ;; first column: store
    (local.set $v (f64x2.splat (f64.load (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 3))))))
    (local.set $col (local.get $cols))
    (local.set $p (local.get $row))
    (block $done0
      (loop $l0
        (br_if $done0 (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (f64x2.abs (f64x2.sub (v128.load (local.get $col)) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $col (i32.add (local.get $col) (i32.const 16)))
        (br $l0)))
    ;; other columns: max
    (local.set $c (i32.const 1))
    (block $doneC
      (loop $lc
        (br_if $doneC (i32.ge_u (local.get $c) (local.get $d)))
        (local.set $col (i32.add (local.get $cols) (i32.shl (i32.mul (local.get $c) (local.get $m)) (i32.const 3))))
        (local.set $v (f64x2.splat (f64.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $p (local.get $row))
        (block $done1
          (loop $l1
            (br_if $done1 (i32.ge_u (local.get $p) (local.get $end)))
            (v128.store (local.get $p)
              (f64x2.max (v128.load (local.get $p)) (f64x2.abs (f64x2.sub (v128.load (local.get $col)) (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $col (i32.add (local.get $col) (i32.const 16)))
            (br $l1)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $lc)))
  )

  ;; row[j] = sum_c (col_c[j] - col_c[i])^2 for j < m (squared Euclidean distance from sample i).
  (func (export "rowSqEuclidean") (param $i i32) (param $m i32) (param $d i32) (param $cols i32) (param $row i32)
    (local $c i32) (local $col i32) (local $v v128) (local $p i32) (local $end i32) (local $t v128)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $v (f64x2.splat (f64.load (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 3))))))
    (local.set $col (local.get $cols))
    (local.set $p (local.get $row))
    (block $done0
      (loop $l0
        (br_if $done0 (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $t (f64x2.sub (v128.load (local.get $col)) (local.get $v)))
        (v128.store (local.get $p) (f64x2.mul (local.get $t) (local.get $t)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $col (i32.add (local.get $col) (i32.const 16)))
        (br $l0)))
    (local.set $c (i32.const 1))
    (block $doneC
      (loop $lc
        (br_if $doneC (i32.ge_u (local.get $c) (local.get $d)))
        (local.set $col (i32.add (local.get $cols) (i32.shl (i32.mul (local.get $c) (local.get $m)) (i32.const 3))))
        (local.set $v (f64x2.splat (f64.load (i32.add (local.get $col) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $p (local.get $row))
        (block $done1
          (loop $l1
            (br_if $done1 (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $t (f64x2.sub (v128.load (local.get $col)) (local.get $v)))
            (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $col (i32.add (local.get $col) (i32.const 16)))
            (br $l1)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $lc)))
  )

  ;; The k-th smallest of max(a[j], b[j]) over j < m (ties counted with multiplicity), using the k doubles at
  ;; $best as an ascending insertion buffer. Pass a = b for a single row.
  (func (export "kthOfMax") (param $m i32) (param $k i32) (param $a i32) (param $b i32) (param $best i32) (result f64)
    (local $j i32) (local $thr f64) (local $x f64) (local $p i32) (local $lastp i32) (local $pair v128)
    (local $q i32)
    ;; best[0..k) = +Infinity
    (local.set $lastp (i32.add (local.get $best) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 3))))
    (local.set $p (local.get $best))
    (block $df
      (loop $lf
        (br_if $df (i32.gt_u (local.get $p) (local.get $lastp)))
        (f64.store (local.get $p) (f64.const inf))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $lf)))
    (local.set $thr (f64.const inf))
    (local.set $j (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $j) (local.get $m)))
        (local.set $q (i32.shl (local.get $j) (i32.const 3)))
        (local.set $pair (f64x2.max (v128.load (i32.add (local.get $a) (local.get $q)))
                                    (v128.load (i32.add (local.get $b) (local.get $q)))))
        (if (v128.any_true (f64x2.lt (local.get $pair) (f64x2.splat (local.get $thr))))
          (then
            (local.set $x (f64x2.extract_lane 0 (local.get $pair)))
            (if (f64.lt (local.get $x) (local.get $thr))
              (then
                (call $insert (local.get $best) (local.get $lastp) (local.get $x))
                (local.set $thr (f64.load (local.get $lastp)))))
            (local.set $x (f64x2.extract_lane 1 (local.get $pair)))
            (if (f64.lt (local.get $x) (local.get $thr))
              (then
                (call $insert (local.get $best) (local.get $lastp) (local.get $x))
                (local.set $thr (f64.load (local.get $lastp)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l)))
    (local.get $thr)
  )

  ;; Insert x into the ascending buffer [best, lastp] (x < *lastp), dropping the largest entry.
  (func $insert (param $best i32) (param $lastp i32) (param $x f64)
    (local $p i32) (local $prev f64)
    (local.set $p (local.get $lastp))
    (block $done
      (loop $l
        (br_if $done (i32.le_u (local.get $p) (local.get $best)))
        (local.set $prev (f64.load (i32.sub (local.get $p) (i32.const 8))))
        (br_if $done (i32.eqz (f64.gt (local.get $prev) (local.get $x))))
        (f64.store (local.get $p) (local.get $prev))
        (local.set $p (i32.sub (local.get $p) (i32.const 8)))
        (br $l)))
    (f64.store (local.get $p) (local.get $x))
  )

  ;; #{j < m : row[j] < r}, or #{j < m : row[j] = 0} when r = 0 (the zero-radius convention).
  (func (export "countBelow") (param $m i32) (param $r f64) (param $row i32) (result i32)
    (local $p i32) (local $end i32) (local $acc v128) (local $rv v128)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $rv (f64x2.splat (local.get $r)))
    (local.set $acc (v128.const i64x2 0 0))
    (local.set $p (local.get $row))
    (if (f64.gt (local.get $r) (f64.const 0))
      (then
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $acc (i64x2.sub (local.get $acc) (f64x2.lt (v128.load (local.get $p)) (local.get $rv))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $l))))
      (else
        (block $done2
          (loop $l2
            (br_if $done2 (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $acc (i64x2.sub (local.get $acc) (f64x2.eq (v128.load (local.get $p)) (local.get $rv))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $l2)))))
    (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $acc)) (i64x2.extract_lane 1 (local.get $acc))))
  )
)
