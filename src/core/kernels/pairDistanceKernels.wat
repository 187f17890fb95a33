;; WebAssembly SIMD (f64x2) kernels for exact order statistics of the pairwise squared distances (bandwidth
;; rules). Assembled with wabt (`wat2wasm --enable-simd`); the bytes are embedded in pairDistanceWasm.ts and a
;; test checks that they match this source. Data are column-major: column c of an n-sample variable starts at
;; byte cols + 8 * c * m, where the stride m >= n is even and padded (see pairDistanceWasm.ts). All pointers are
;; byte offsets.
;; The squared distance of samples i < j is sum_c (x_jc - x_ic)^2 summed over c = 0, 1, ... in order, which is
;; bit for bit what the TypeScript kernels compute.
(module
  (memory (export "memory") 1)

  ;; row[j] = sum_c (col_c[j] - col_c[i])^2 for j0 <= j < jn (j0 and jn even, jn <= m), summed over c in order
  ;; with the sum in a register (one store per pair). The d splats of sample i are first written at $vi (16 d
  ;; bytes). The column stride m is padded by the caller so that the d column streams do not alias in the cache.
  (func $rowSq (param $i i32) (param $j0 i32) (param $m i32) (param $d i32) (param $cols i32) (param $row i32)
    (param $vi i32) (param $jn i32)
    (local $c i32) (local $col i32) (local $p i32) (local $end i32) (local $t v128) (local $acc v128)
    (local $stride i32) (local $q i32) (local $vend i32) (local $j i32) (local $a1 v128) (local $a2 v128)
    (local $a3 v128) (local $s v128)
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
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $jn) (i32.const 3))))
    (local.set $j (i32.shl (local.get $j0) (i32.const 3)))
    (local.set $p (i32.add (local.get $row) (local.get $j)))
    ;; eight samples j at a time in four independent sums: one running sum is bound by the latency of its
    ;; additions (each pair's sum is still formed over c in order, so the values do not change)
    (block $done4
      (loop $l4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
        (local.set $col (i32.add (local.get $cols) (local.get $j)))
        (local.set $q (local.get $vi))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (block $doneC4
          (loop $lc4
            (br_if $doneC4 (i32.ge_u (local.get $q) (local.get $vend)))
            (local.set $s (v128.load (local.get $q)))
            (local.set $t (f64x2.sub (v128.load (local.get $col)) (local.get $s)))
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $t (f64x2.sub (v128.load offset=16 (local.get $col)) (local.get $s)))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $t (f64x2.sub (v128.load offset=32 (local.get $col)) (local.get $s)))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $t (f64x2.sub (v128.load offset=48 (local.get $col)) (local.get $s)))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $t) (local.get $t))))
            (local.set $col (i32.add (local.get $col) (local.get $stride)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $lc4)))
        (v128.store (local.get $p) (local.get $acc))
        (v128.store offset=16 (local.get $p) (local.get $a1))
        (v128.store offset=32 (local.get $p) (local.get $a2))
        (v128.store offset=48 (local.get $p) (local.get $a3))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $l4)))
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
  ;; go to the doubles at $mm (min, max; the caller stores +inf, -inf there first). $row is a scratch row of m
  ;; doubles followed by 16 d bytes.
  (func (export "pairHistogram") (param $i0 i32) (param $i1 i32) (param $n i32) (param $m i32) (param $d i32)
    (param $cols i32) (param $row i32) (param $lo f64) (param $hi f64) (param $shift i64) (param $mask i64)
    (param $counts i32) (param $mm i32)
    (local $vi i32) (local $i i32) (local $p i32) (local $end i32) (local $v f64) (local $a i32)
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
          (local.get $m) (local.get $d) (local.get $cols) (local.get $row) (local.get $vi)
          (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const -2)))
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
                (local.set $max (f64.max (local.get $max) (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $lj)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $li)))
    (f64.store (local.get $mm) (local.get $min))
    (f64.store offset=8 (local.get $mm) (local.get $max))
  )

  ;; One squared distance v of the window pass (see pairWindow): counted below lo, at lo or at hi, or kept.
  (func $classify (param $v f64) (param $lo f64) (param $hi f64) (param $stats i32) (param $out i32) (param $cap i32)
    (if (f64.lt (local.get $v) (local.get $lo))
      (then (f64.store (local.get $stats) (f64.add (f64.load (local.get $stats)) (f64.const 1))) (return)))
    (if (f64.gt (local.get $v) (local.get $hi)) (then (return)))
    (if (f64.eq (local.get $v) (local.get $lo))
      (then (f64.store offset=8 (local.get $stats) (f64.add (f64.load offset=8 (local.get $stats)) (f64.const 1))) (return)))
    (if (f64.eq (local.get $v) (local.get $hi))
      (then (f64.store offset=16 (local.get $stats) (f64.add (f64.load offset=16 (local.get $stats)) (f64.const 1))) (return)))
    (call $keep (local.get $v) (local.get $stats) (local.get $out) (local.get $cap))
  )

  ;; The window pass: for the pairs (i, j), i0 <= i < i1, i < j < n, with squared distance v, add to the doubles
  ;; at $stats: [0] the number with v < lo, [1] with v = lo, [2] with v = hi > lo, [3] with lo < v < hi; the
  ;; last are also appended to the doubles at $out (in pair order) while fewer than $cap are there. The counts
  ;; below, at lo and at hi (frequent, ties) are kept in vector lanes without a branch; the rare values strictly
  ;; inside go to $classify, as do the single values before and after the 16-byte-aligned pairs. $row is a
  ;; scratch row of m doubles followed by 16 d bytes.
  (func (export "pairWindow") (param $i0 i32) (param $i1 i32) (param $n i32) (param $m i32) (param $d i32)
    (param $cols i32) (param $row i32) (param $lo f64) (param $hi f64) (param $out i32) (param $cap i32)
    (param $stats i32)
    (local $vi i32) (local $i i32) (local $p i32) (local $end i32) (local $v v128) (local $below v128)
    (local $vlo v128) (local $vhi v128) (local $vhiEq v128) (local $in v128) (local $atLo v128) (local $atHi v128)
    (local.set $vlo (f64x2.splat (local.get $lo)))
    (local.set $vhi (f64x2.splat (local.get $hi)))
    ;; v = hi counts as at hi only when hi > lo (else it is at lo): NaN equals nothing
    (local.set $vhiEq (f64x2.splat (select (local.get $hi) (f64.const nan) (f64.gt (local.get $hi) (local.get $lo)))))
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $vi (i32.add (local.get $row) (i32.shl (local.get $m) (i32.const 3))))
    (local.set $i (local.get $i0))
    (block $doneI
      (loop $li
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $i1)))
        (call $rowSq (local.get $i) (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const -2))
          (local.get $m) (local.get $d) (local.get $cols) (local.get $row) (local.get $vi)
          (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const -2)))
        (local.set $p (i32.add (local.get $row) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 3))))
        ;; j = i + 1 odd: one value before the 16-byte-aligned pairs
        (if (i32.and (i32.lt_u (local.get $p) (local.get $end)) (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 1)))
          (then
            (call $classify (f64.load (local.get $p)) (local.get $lo) (local.get $hi) (local.get $stats) (local.get $out) (local.get $cap))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))))
        (block $doneJ
          (loop $lj
            (br_if $doneJ (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (local.set $v (v128.load (local.get $p)))
            ;; a lane that is true is all ones, -1 as an integer: subtracting it counts one
            (local.set $below (i64x2.sub (local.get $below) (f64x2.lt (local.get $v) (local.get $vlo))))
            (local.set $atLo (i64x2.sub (local.get $atLo) (f64x2.eq (local.get $v) (local.get $vlo))))
            (local.set $atHi (i64x2.sub (local.get $atHi) (f64x2.eq (local.get $v) (local.get $vhiEq))))
            (local.set $in (v128.and (f64x2.gt (local.get $v) (local.get $vlo)) (f64x2.lt (local.get $v) (local.get $vhi))))
            (if (v128.any_true (local.get $in))
              (then
                (if (i32x4.extract_lane 0 (local.get $in))
                  (then (call $classify (f64x2.extract_lane 0 (local.get $v)) (local.get $lo) (local.get $hi) (local.get $stats) (local.get $out) (local.get $cap))))
                (if (i32x4.extract_lane 2 (local.get $in))
                  (then (call $classify (f64x2.extract_lane 1 (local.get $v)) (local.get $lo) (local.get $hi) (local.get $stats) (local.get $out) (local.get $cap))))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $lj)))
        (if (i32.lt_u (local.get $p) (local.get $end))
          (then (call $classify (f64.load (local.get $p)) (local.get $lo) (local.get $hi) (local.get $stats) (local.get $out) (local.get $cap))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $li)))
    (call $addLanes (local.get $stats) (local.get $below))
    (call $addLanes (i32.add (local.get $stats) (i32.const 8)) (local.get $atLo))
    (call $addLanes (i32.add (local.get $stats) (i32.const 16)) (local.get $atHi))
  )

  ;; The f32 filter of the window pass (see pairWindow32). row32[j] = sum_c (col32_c[j] - y_ic)^2 in f32 for
  ;; j0 <= j < jn (multiples of 4, jn <= m4), over the f32 columns (stride m4 floats) of the centred, scaled
  ;; data; the d splats of sample i are first written at $vi (16 d bytes). Four independent sums of 4 lanes.
  (func $rowSq32 (param $i i32) (param $j0 i32) (param $m4 i32) (param $d i32) (param $cols i32) (param $row i32)
    (param $vi i32) (param $jn i32)
    (local $col i32) (local $p i32) (local $end i32) (local $t v128) (local $acc v128)
    (local $stride i32) (local $q i32) (local $vend i32) (local $j i32) (local $a1 v128) (local $a2 v128)
    (local $a3 v128) (local $s v128)
    (local.set $stride (i32.shl (local.get $m4) (i32.const 2)))
    (local.set $vend (i32.add (local.get $vi) (i32.shl (local.get $d) (i32.const 4))))
    (local.set $col (i32.add (local.get $cols) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $q (local.get $vi))
    (block $doneS
      (loop $ls
        (br_if $doneS (i32.ge_u (local.get $q) (local.get $vend)))
        (v128.store (local.get $q) (f32x4.splat (f32.load (local.get $col))))
        (local.set $col (i32.add (local.get $col) (local.get $stride)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $ls)))
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $jn) (i32.const 2))))
    (local.set $j (i32.shl (local.get $j0) (i32.const 2)))
    (local.set $p (i32.add (local.get $row) (local.get $j)))
    (block $done4
      (loop $l4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 64)) (local.get $end)))
        (local.set $col (i32.add (local.get $cols) (local.get $j)))
        (local.set $q (local.get $vi))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (block $doneC4
          (loop $lc4
            (br_if $doneC4 (i32.ge_u (local.get $q) (local.get $vend)))
            (local.set $s (v128.load (local.get $q)))
            (local.set $t (f32x4.sub (v128.load (local.get $col)) (local.get $s)))
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
            (local.set $t (f32x4.sub (v128.load offset=16 (local.get $col)) (local.get $s)))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $t) (local.get $t))))
            (local.set $t (f32x4.sub (v128.load offset=32 (local.get $col)) (local.get $s)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $t) (local.get $t))))
            (local.set $t (f32x4.sub (v128.load offset=48 (local.get $col)) (local.get $s)))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $t) (local.get $t))))
            (local.set $col (i32.add (local.get $col) (local.get $stride)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $lc4)))
        (v128.store (local.get $p) (local.get $acc))
        (v128.store offset=16 (local.get $p) (local.get $a1))
        (v128.store offset=32 (local.get $p) (local.get $a2))
        (v128.store offset=48 (local.get $p) (local.get $a3))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $l4)))
    (block $doneJ
      (loop $lj
        (br_if $doneJ (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $col (i32.add (local.get $cols) (local.get $j)))
        (local.set $q (local.get $vi))
        (local.set $acc (v128.const i64x2 0 0))
        (block $doneC
          (loop $lc
            (br_if $doneC (i32.ge_u (local.get $q) (local.get $vend)))
            (local.set $t (f32x4.sub (v128.load (local.get $col)) (v128.load (local.get $q))))
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $t) (local.get $t))))
            (local.set $col (i32.add (local.get $col) (local.get $stride)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $lc)))
        (v128.store (local.get $p) (local.get $acc))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lj)))
  )

  ;; The window pass with an f32 filter: the same counts and kept values as pairWindow, bit for bit. The f32
  ;; squared distance S of each pair (4 pairs a lane vector, twice the rate of f64x2) is compared with bounds
  ;; that account for every rounding of the f32 path (pairDistanceWasm.ts derives them): a pair is counted below
  ;; lo when S (1 + k) + k R_j < lows[i], dropped above hi when S (1 - k) - k R_j > highs[i] (k R_j, with
  ;; R_j the scaled squared norm of centred sample j, at $norms; lows/highs: per-row f32 thresholds at
  ;; $lows/$highs, rows i0..i1-1). The 4 pairs of a vector with any other pair (near an end, on it, or inside the range: the values
  ;; kept, and a thin band around the ends) get their exact f64 distances, as $rowSq forms them (summed over c
  ;; in order), from a copy of the samples interleaved in twos at $pairs (samples 2b and 2b + 1 at
  ;; $pairs + 16 d b, column c as the two lanes at offset 16 c), and those pairs are placed as pairWindow places
  ;; them. With $exact (integer data small enough that every f32 sum is an exact integer: see
  ;; pairDistanceWasm.ts) S is that exact distance already: the undecided pairs are placed by S itself. $row is a
  ;; scratch row of m4 floats followed by 16 d bytes.
  (func (export "pairWindow32") (param $i0 i32) (param $i1 i32) (param $n i32) (param $d i32)
    (param $pairs i32) (param $lo f64) (param $hi f64) (param $out i32) (param $cap i32) (param $stats i32)
    (param $m4 i32) (param $cols32 i32) (param $norms i32) (param $row i32) (param $lows i32) (param $highs i32)
    (param $kp f32) (param $km f32) (param $exact i32)
    (local $vi i32) (local $i i32) (local $j i32) (local $jn i32) (local $s v128) (local $r v128)
    (local $below v128) (local $above v128) (local $amb v128) (local $valid v128) (local $jv v128)
    (local $vkp v128) (local $vkm v128) (local $vlow v128) (local $vhigh v128) (local $vi4 v128)
    (local $vn v128) (local $count v128)
    (local $col i32) (local $xi i32) (local $cend i32) (local $block i32) (local $x v128) (local $t v128)
    (local $e0 v128) (local $e1 v128) (local $m0 v128) (local $m1 v128) (local $in v128)
    (local $vlo v128) (local $vhi v128) (local $vhiEq v128) (local $under v128) (local $atLo v128) (local $atHi v128)
    (local $got i64) (local $cntLo v128) (local $cntHi v128) (local $vhighEq v128)
    ;; the number of values strictly inside so far (stats[3]), in a register until the end
    (local.set $got (i64.trunc_f64_u (f64.load offset=24 (local.get $stats))))
    ;; (exact mode) S = hi counts as at hi only when hi > lo (else it is at lo): NaN equals nothing
    (local.set $vhighEq (f32x4.splat (select (f32.demote_f64 (local.get $hi)) (f32.const nan) (f64.gt (local.get $hi) (local.get $lo)))))
    (local.set $vkp (f32x4.splat (local.get $kp)))
    (local.set $vkm (f32x4.splat (local.get $km)))
    (local.set $vn (i32x4.splat (local.get $n)))
    (local.set $vlo (f64x2.splat (local.get $lo)))
    (local.set $vhi (f64x2.splat (local.get $hi)))
    ;; v = hi counts as at hi only when hi > lo (else it is at lo): NaN equals nothing
    (local.set $vhiEq (f64x2.splat (select (local.get $hi) (f64.const nan) (f64.gt (local.get $hi) (local.get $lo)))))
    (local.set $block (i32.shl (local.get $d) (i32.const 4)))
    (local.set $jn (i32.and (i32.add (local.get $n) (i32.const 3)) (i32.const -4)))
    (local.set $vi (i32.add (local.get $row) (i32.shl (local.get $m4) (i32.const 2))))
    (local.set $i (local.get $i0))
    (block $doneI
      (loop $li
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $i1)))
        (local.set $j (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const -4)))
        (call $rowSq32 (local.get $i) (local.get $j) (local.get $m4) (local.get $d) (local.get $cols32)
          (local.get $row) (local.get $vi) (local.get $jn))
        (local.set $vlow (f32x4.splat (f32.load (i32.add (local.get $lows) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $vhigh (f32x4.splat (f32.load (i32.add (local.get $highs) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $vi4 (i32x4.splat (local.get $i)))
        (local.set $count (v128.const i64x2 0 0))
        (local.set $cntLo (v128.const i64x2 0 0))
        (local.set $cntHi (v128.const i64x2 0 0))
        (block $doneJ
          (loop $lj
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $jn)))
            (local.set $s (v128.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $r (v128.load (i32.add (local.get $norms) (i32.shl (local.get $j) (i32.const 2)))))
            ;; only the first vector of a row (lanes j <= i) and the last (lanes j >= n) have lanes to leave out
            (local.set $valid
              (if (result v128) (i32.or (i32.le_u (local.get $j) (local.get $i)) (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
                (then
                  (local.set $jv (i32x4.add (i32x4.splat (local.get $j)) (v128.const i32x4 0 1 2 3)))
                  (v128.and (i32x4.gt_s (local.get $jv) (local.get $vi4)) (i32x4.lt_s (local.get $jv) (local.get $vn))))
                (else (v128.const i32x4 -1 -1 -1 -1))))
            (local.set $below (f32x4.lt (f32x4.add (f32x4.mul (local.get $s) (local.get $vkp)) (local.get $r)) (local.get $vlow)))
            (local.set $above (f32x4.gt (f32x4.sub (f32x4.mul (local.get $s) (local.get $vkm)) (local.get $r)) (local.get $vhigh)))
            ;; a lane that is true is all ones, -1 as an integer: subtracting it counts one
            (local.set $count (i32x4.sub (local.get $count) (v128.and (local.get $below) (local.get $valid))))
            (local.set $amb (v128.andnot (local.get $valid) (v128.or (local.get $below) (local.get $above))))
            (if (local.get $exact)
              (then
                ;; S is the distance itself and lows/highs are lo and hi: the undecided lanes are at lo, at hi
                ;; (counted in lanes, no branch: ties are frequent in integer data) or strictly inside (kept)
                (local.set $cntLo (i32x4.sub (local.get $cntLo) (v128.and (local.get $amb) (f32x4.eq (local.get $s) (local.get $vlow)))))
                (local.set $cntHi (i32x4.sub (local.get $cntHi) (v128.and (local.get $amb) (f32x4.eq (local.get $s) (local.get $vhighEq)))))
                (local.set $in (v128.and (local.get $amb)
                  (v128.and (f32x4.gt (local.get $s) (local.get $vlow)) (f32x4.lt (local.get $s) (local.get $vhigh)))))
                (if (v128.any_true (local.get $in))
                  (then
                    (if (i32x4.extract_lane 0 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64.promote_f32 (f32x4.extract_lane 0 (local.get $s))) (local.get $out) (local.get $cap)))))
                    (if (i32x4.extract_lane 1 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $s))) (local.get $out) (local.get $cap)))))
                    (if (i32x4.extract_lane 2 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64.promote_f32 (f32x4.extract_lane 2 (local.get $s))) (local.get $out) (local.get $cap)))))
                    (if (i32x4.extract_lane 3 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $s))) (local.get $out) (local.get $cap))))))))
            (else (if (v128.any_true (local.get $amb))
              (then
                ;; exact distances of pairs j..j+3 (f64 lanes j, j+1 and j+2, j+3), as $rowSq forms them, from the
                ;; samples interleaved in twos (32 d contiguous bytes for the four)
                (local.set $col (i32.add (local.get $pairs) (i32.mul (i32.shr_u (local.get $j) (i32.const 1)) (local.get $block))))
                (local.set $xi (i32.add (i32.add (local.get $pairs) (i32.mul (i32.shr_u (local.get $i) (i32.const 1)) (local.get $block)))
                  (i32.shl (i32.and (local.get $i) (i32.const 1)) (i32.const 3))))
                (local.set $cend (i32.add (local.get $col) (local.get $block)))
                (local.set $e0 (v128.const i64x2 0 0))
                (local.set $e1 (v128.const i64x2 0 0))
                (block $doneC
                  (loop $lc
                    (br_if $doneC (i32.ge_u (local.get $col) (local.get $cend)))
                    (local.set $x (f64x2.splat (f64.load (local.get $xi))))
                    (local.set $t (f64x2.sub (v128.load (local.get $col)) (local.get $x)))
                    (local.set $e0 (f64x2.add (local.get $e0) (f64x2.mul (local.get $t) (local.get $t))))
                    (local.set $t (f64x2.sub (v128.load (i32.add (local.get $col) (local.get $block))) (local.get $x)))
                    (local.set $e1 (f64x2.add (local.get $e1) (f64x2.mul (local.get $t) (local.get $t))))
                    (local.set $col (i32.add (local.get $col) (i32.const 16)))
                    (local.set $xi (i32.add (local.get $xi) (i32.const 16)))
                    (br $lc)))
                ;; the undecided lanes as 64-bit masks, placed as pairWindow places its pairs
                (local.set $m0 (i64x2.extend_low_i32x4_s (local.get $amb)))
                (local.set $m1 (i64x2.extend_high_i32x4_s (local.get $amb)))
                (local.set $under (i64x2.sub (local.get $under) (v128.and (local.get $m0) (f64x2.lt (local.get $e0) (local.get $vlo)))))
                (local.set $under (i64x2.sub (local.get $under) (v128.and (local.get $m1) (f64x2.lt (local.get $e1) (local.get $vlo)))))
                (local.set $atLo (i64x2.sub (local.get $atLo) (v128.and (local.get $m0) (f64x2.eq (local.get $e0) (local.get $vlo)))))
                (local.set $atLo (i64x2.sub (local.get $atLo) (v128.and (local.get $m1) (f64x2.eq (local.get $e1) (local.get $vlo)))))
                (local.set $atHi (i64x2.sub (local.get $atHi) (v128.and (local.get $m0) (f64x2.eq (local.get $e0) (local.get $vhiEq)))))
                (local.set $atHi (i64x2.sub (local.get $atHi) (v128.and (local.get $m1) (f64x2.eq (local.get $e1) (local.get $vhiEq)))))
                ;; the values strictly inside are kept, in pair order
                (local.set $in (v128.and (local.get $m0) (v128.and (f64x2.gt (local.get $e0) (local.get $vlo)) (f64x2.lt (local.get $e0) (local.get $vhi)))))
                (if (i32x4.extract_lane 0 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64x2.extract_lane 0 (local.get $e0)) (local.get $out) (local.get $cap)))))
                (if (i32x4.extract_lane 2 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64x2.extract_lane 1 (local.get $e0)) (local.get $out) (local.get $cap)))))
                (local.set $in (v128.and (local.get $m1) (v128.and (f64x2.gt (local.get $e1) (local.get $vlo)) (f64x2.lt (local.get $e1) (local.get $vhi)))))
                (if (i32x4.extract_lane 0 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64x2.extract_lane 0 (local.get $e1)) (local.get $out) (local.get $cap)))))
                (if (i32x4.extract_lane 2 (local.get $in)) (then (local.set $got (call $keep64 (local.get $got) (f64x2.extract_lane 1 (local.get $e1)) (local.get $out) (local.get $cap)))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $lj)))
        ;; the row's certain count (at most n - 1 per lane: no overflow) into the double at stats[0]
        (call $addRow (local.get $stats) (local.get $count))
        (call $addRow (i32.add (local.get $stats) (i32.const 8)) (local.get $cntLo))
        (call $addRow (i32.add (local.get $stats) (i32.const 16)) (local.get $cntHi))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $li)))
    (call $addLanes (local.get $stats) (local.get $under))
    (call $addLanes (i32.add (local.get $stats) (i32.const 8)) (local.get $atLo))
    (call $addLanes (i32.add (local.get $stats) (i32.const 16)) (local.get $atHi))
    (f64.store offset=24 (local.get $stats) (f64.convert_i64_u (local.get $got)))
  )

  ;; The double at $at += the sum of the four 32-bit integer lanes of $lanes (one row's counts: at most n - 1 a
  ;; lane, no overflow).
  (func $addRow (param $at i32) (param $lanes v128)
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.convert_i32_u
      (i32.add (i32.add (i32x4.extract_lane 0 (local.get $lanes)) (i32x4.extract_lane 1 (local.get $lanes)))
        (i32.add (i32x4.extract_lane 2 (local.get $lanes)) (i32x4.extract_lane 3 (local.get $lanes)))))))
  )

  ;; Append v to the doubles at $out if fewer than $cap are there ($got so far); return $got + 1.
  (func $keep64 (param $got i64) (param $v f64) (param $out i32) (param $cap i32) (result i64)
    (if (i64.lt_u (local.get $got) (i64.extend_i32_u (local.get $cap)))
      (then (f64.store (i32.add (local.get $out) (i32.shl (i32.wrap_i64 (local.get $got)) (i32.const 3))) (local.get $v))))
    (i64.add (local.get $got) (i64.const 1))
  )

  ;; A value strictly inside the window (see $classify): counted at stats[3], appended to $out while below $cap.
  (func $keep (param $v f64) (param $stats i32) (param $out i32) (param $cap i32)
    (local $got f64)
    (local.set $got (f64.load offset=24 (local.get $stats)))
    (if (f64.lt (local.get $got) (f64.convert_i32_u (local.get $cap)))
      (then (f64.store (i32.add (local.get $out) (i32.shl (i32.trunc_f64_u (local.get $got)) (i32.const 3))) (local.get $v))))
    (f64.store offset=24 (local.get $stats) (f64.add (local.get $got) (f64.const 1)))
  )

  ;; The double at $at += the sum of the two 64-bit integer lanes of $lanes.
  (func $addLanes (param $at i32) (param $lanes v128)
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
      (f64.convert_i64_u (i64.add (i64x2.extract_lane 0 (local.get $lanes)) (i64x2.extract_lane 1 (local.get $lanes))))))
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
          (local.get $m) (local.get $d) (local.get $cols) (local.get $row) (local.get $vi)
          (i32.and (i32.add (local.get $n) (i32.const 1)) (i32.const -2)))
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
