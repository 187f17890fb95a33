;; Pairwise Hamming distances of binary rows (`hammingDistanceCounts.ts`): the squared Euclidean distance of two
;; rows of zeros and ones is the number of columns where they differ, so the distances of all pairs are known from
;; the rows packed as bits. Assembled with wabt (no SIMD is used: i32.popcnt and memory.fill are plain
;; WebAssembly); the bytes are embedded in hammingDistanceCounts.ts and a test checks that they match this source.
;; All pointers are byte offsets.
(module
  (memory (export "memory") 1 32768)

  ;; For rows i = i0..i1-1 and every j > i (j < n): h = sum_k popcnt(bits_i[k] xor bits_j[k]) over the w 32-bit
  ;; words of each row (row r at $bits + 4 w r), counted into the doubles at $counts (h = 0..32 w). Consecutive
  ;; j are counted in four separate u32 tables at $tables (4 x (32 w + 1) words, cleared here for each row) so that
  ;; equal distances in a row do not wait for each other's store; a row's tables (at most n - 1 pairs: no
  ;; overflow) are added into the doubles at its end.
  (func (export "hammingCounts") (param $bits i32) (param $w i32) (param $n i32) (param $i0 i32) (param $i1 i32)
    (param $tables i32) (param $counts i32)
    (local $i i32) (local $j i32) (local $k i32) (local $h i32) (local $bins i32) (local $table i32)
    (local $xi i32) (local $row i32) (local $pj i32) (local $end i32) (local $q i32) (local $t i32)
    (local.set $bins (i32.add (i32.shl (local.get $w) (i32.const 5)) (i32.const 1)))
    (local.set $table (i32.shl (local.get $bins) (i32.const 2)))
    (local.set $i (local.get $i0))
    (block $doneI
      (loop $rows
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $i1)))
        (memory.fill (local.get $tables) (i32.const 0) (i32.shl (local.get $table) (i32.const 2)))
        (local.set $row (i32.add (local.get $bits) (i32.shl (i32.mul (local.get $i) (local.get $w)) (i32.const 2))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eq (local.get $w) (i32.const 1))
          (then
            ;; one word a row: four pairs an iteration, then the rest
            (local.set $xi (i32.load (local.get $row)))
            (local.set $pj (i32.add (local.get $bits) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $end (i32.add (local.get $bits) (i32.shl (local.get $n) (i32.const 2))))
            (block $done4
              (loop $four
                (br_if $done4 (i32.gt_u (i32.add (local.get $pj) (i32.const 16)) (local.get $end)))
                (local.set $q (i32.add (local.get $tables)
                  (i32.shl (i32.popcnt (i32.xor (local.get $xi) (i32.load (local.get $pj)))) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $q (i32.add (i32.add (local.get $tables) (local.get $table))
                  (i32.shl (i32.popcnt (i32.xor (local.get $xi) (i32.load offset=4 (local.get $pj)))) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $q (i32.add (i32.add (local.get $tables) (i32.shl (local.get $table) (i32.const 1)))
                  (i32.shl (i32.popcnt (i32.xor (local.get $xi) (i32.load offset=8 (local.get $pj)))) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $q (i32.add (i32.add (local.get $tables) (i32.mul (local.get $table) (i32.const 3)))
                  (i32.shl (i32.popcnt (i32.xor (local.get $xi) (i32.load offset=12 (local.get $pj)))) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $pj (i32.add (local.get $pj) (i32.const 16)))
                (br $four)))
            (block $done1
              (loop $one
                (br_if $done1 (i32.ge_u (local.get $pj) (local.get $end)))
                (local.set $q (i32.add (local.get $tables)
                  (i32.shl (i32.popcnt (i32.xor (local.get $xi) (i32.load (local.get $pj)))) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $pj (i32.add (local.get $pj) (i32.const 4)))
                (br $one))))
          (else
            ;; several words a row: pair j goes to table j mod 4
            (block $doneJ
              (loop $pairs
                (br_if $doneJ (i32.ge_u (local.get $j) (local.get $n)))
                (local.set $pj (i32.add (local.get $bits) (i32.shl (i32.mul (local.get $j) (local.get $w)) (i32.const 2))))
                (local.set $h (i32.const 0))
                (local.set $k (i32.const 0))
                (block $doneK
                  (loop $words
                    (br_if $doneK (i32.ge_u (local.get $k) (local.get $w)))
                    (local.set $t (i32.shl (local.get $k) (i32.const 2)))
                    (local.set $h (i32.add (local.get $h) (i32.popcnt (i32.xor
                      (i32.load (i32.add (local.get $row) (local.get $t))) (i32.load (i32.add (local.get $pj) (local.get $t)))))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $words)))
                (local.set $q (i32.add (i32.add (local.get $tables) (i32.mul (local.get $table) (i32.and (local.get $j) (i32.const 3))))
                  (i32.shl (local.get $h) (i32.const 2))))
                (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $pairs)))))
        ;; the row's four tables into the doubles
        (local.set $h (i32.const 0))
        (block $doneH
          (loop $sum
            (br_if $doneH (i32.ge_u (local.get $h) (local.get $bins)))
            (local.set $q (i32.add (local.get $tables) (i32.shl (local.get $h) (i32.const 2))))
            (local.set $t (i32.add
              (i32.add (i32.load (local.get $q)) (i32.load (i32.add (local.get $q) (local.get $table))))
              (i32.add (i32.load (i32.add (local.get $q) (i32.shl (local.get $table) (i32.const 1))))
                       (i32.load (i32.add (local.get $q) (i32.mul (local.get $table) (i32.const 3)))))))
            (if (local.get $t)
              (then
                (local.set $q (i32.add (local.get $counts) (i32.shl (local.get $h) (i32.const 3))))
                (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.convert_i32_u (local.get $t))))))
            (local.set $h (i32.add (local.get $h) (i32.const 1)))
            (br $sum)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
