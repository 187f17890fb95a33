;; WebAssembly SIMD (f64x2) kernels for exact order statistics of the pairwise squared distances (bandwidth
;; rules). Assembled with wabt (`wat2wasm --enable-simd`); the bytes are embedded in pairDistanceWasm.ts and a
;; test checks that they match this source. Data are column-major: column c of an n-sample variable starts at
;; byte cols + 8 * c * m, where m is n rounded up to even. All pointers are byte offsets.
;; The squared distance of samples i < j is sum_c (x_jc - x_ic)^2 summed over c = 0, 1, ... in order, which is
;; bit for bit what the TypeScript kernels compute.
(module
  (memory (export "memory") 1)

  ;; row[j] = sum_c (col_c[j] - col_c[i])^2 for j0 <= j < m (j0 even), summed over c in order with the sum in a
  ;; register (one store per pair). The d splats of sample i are first written at $vi (16 d bytes).
  (func $rowSq (param $i i32) (param $j0 i32) (param $m i32) (param $d i32) (param $cols i32) (param $row i32)
    (param $vi i32)
    (local $c i32) (local $col i32) (local $p i32) (local $end i32) (local $t v128) (local $acc v128)
    (local $stride i32) (local $q i32) (local $vend i32) (local $j i32)
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $vend (i32.add (local.get $vi) (i32.shl (local.get $d) (i32.const 4))))
    ;; splats of sample i
    (local.set $col (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 3))))
    (local.set $q (local.get $vi))
    (block $doneS
      (loop $ls
        (br_if $doneS (i32.ge_u (local.get $q) (local.get $vend)))
        (v128.store (local.get $q) (f64x2.splat (f64.load (local.get $col))))
        (local.set $col (i32.add (local.get $col) (local.get $stride)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $ls)))
    (local.set $end (i32.add (local.get $row) (local.get $stride)))
    (local.set $j (i32.shl (local.get $j0) (i32.const 3)))
    (local.set $p (i32.add (local.get $row) (local.get $j)))
    (block $doneJ
      (loop $lj
        (br_if $doneJ (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $col (i32.add (local.get $cols) (local.get $j)))
        (local.set $q (local.get $vi))
        (local.set $acc (v128.const i64x2 0 0))
        (block $doneC
          (loop $lc
            (br_if $doneC (i32.ge_u (local.get $q) (local.get $vend)))
            (local.set $t (f64x2.sub (v128.load (local.get $col)) (v128.load (local.get $q))))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $col (i32.add (local.get $col) (local.get $stride)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $lc)))
        (v128.store (local.get $p) (local.get $acc))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lj)))
  )

  ;; For the pairs (i, j), i0 <= i < i1, i < j < n, whose squared distance v has lo <= v <= hi:
  ;; counts[key] += 1 with key = (bits(v) >> shift) & mask (counts: doubles), and the least and greatest such v
  ;; go to the doubles at $mm (min, max; the caller stores +inf, -inf there first). Those with
  ;; wlo <= v <= whi are also appended to the doubles at $out while fewer than $cap are there, and the least and
  ;; greatest of them per key go to the pairs of doubles at $wmm + 16 (key - wkey) (min, max; initialised by the
  ;; caller). Returns how many had wlo <= v <= whi (more than $cap: the window overflowed). $row is a scratch
  ;; row of m doubles followed by 16 d bytes.
  (func (export "pairHistogram") (param $i0 i32) (param $i1 i32) (param $n i32) (param $m i32) (param $d i32)
    (param $cols i32) (param $row i32) (param $lo f64) (param $hi f64) (param $shift i64) (param $mask i64)
    (param $counts i32) (param $wlo f64) (param $whi f64) (param $out i32) (param $cap i32)
    (param $mm i32) (param $wmm i32) (param $wkey i32) (result i32)
    (local $vi i32) (local $i i32) (local $p i32) (local $end i32) (local $v f64) (local $a i32) (local $got i32)
    (local $key i32) (local $min f64) (local $max f64)
    (local.set $min (f64.load (local.get $mm)))
    (local.set $max (f64.load offset=8 (local.get $mm)))
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $vi (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $i (local.get $i0))
    (block $doneI
      (loop $li
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $i1)))
        (call $rowSq (local.get $i) (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const -2))
          (local.get $m) (local.get $d) (local.get $cols) (local.get $row) (local.get $vi))
        (local.set $p (i32.add (local.get $row) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 3))))
        (block $doneJ
          (loop $lj
            (br_if $doneJ (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $v (f64.load (local.get $p)))
            (if (i32.and (f64.ge (local.get $v) (local.get $lo)) (f64.le (local.get $v) (local.get $hi)))
              (then
                (local.set $key
                  (i32.wrap_i64 (i64.and (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (local.get $shift)) (local.get $mask))))
                (local.set $a (i32.add (local.get $counts) (i32.shl (local.get $key) (i32.const 3))))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.const 1)))
                (local.set $min (f64.min (local.get $min) (local.get $v)))
                (local.set $max (f64.max (local.get $max) (local.get $v)))
                (if (i32.and (f64.ge (local.get $v) (local.get $wlo)) (f64.le (local.get $v) (local.get $whi)))
                  (then
                    (if (i32.lt_u (local.get $got) (local.get $cap))
                      (then (f64.store (i32.add (local.get $out) (i32.shl (local.get $got) (i32.const 3))) (local.get $v))))
                    (local.set $got (i32.add (local.get $got) (i32.const 1)))
                    (local.set $a (i32.add (local.get $wmm) (i32.shl (i32.sub (local.get $key) (local.get $wkey)) (i32.const 4))))
                    (f64.store (local.get $a) (f64.min (f64.load (local.get $a)) (local.get $v)))
                    (f64.store offset=8 (local.get $a) (f64.max (f64.load offset=8 (local.get $a)) (local.get $v)))))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $lj)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $li)))
    (f64.store (local.get $mm) (local.get $min))
    (f64.store offset=8 (local.get $mm) (local.get $max))
    (local.get $got)
  )

  ;; Append to the doubles at $out the squared distances v of the pairs (i, j), i0 <= i < i1, i < j < n, with
  ;; lo <= v <= hi, in pair order; return how many. The caller knows the count beforehand (a histogram).
  (func (export "pairCollect") (param $i0 i32) (param $i1 i32) (param $n i32) (param $m i32) (param $d i32)
    (param $cols i32) (param $row i32) (param $lo f64) (param $hi f64) (param $out i32) (result i32)
    (local $vi i32) (local $i i32) (local $p i32) (local $end i32) (local $v f64) (local $q i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $q (local.get $out))
    (local.set $vi (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $i (local.get $i0))
    (block $doneI
      (loop $li
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $i1)))
        (call $rowSq (local.get $i) (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const -2))
          (local.get $m) (local.get $d) (local.get $cols) (local.get $row) (local.get $vi))
        (local.set $p (i32.add (local.get $row) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 3))))
        (block $doneJ
          (loop $lj
            (br_if $doneJ (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $v (f64.load (local.get $p)))
            (if (i32.and (f64.ge (local.get $v) (local.get $lo)) (f64.le (local.get $v) (local.get $hi)))
              (then
                (f64.store (local.get $q) (local.get $v))
                (local.set $q (i32.add (local.get $q) (i32.const 8)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $lj)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $li)))
    (i32.shr_u (i32.sub (local.get $q) (local.get $out)) (i32.const 3))
  )
)
