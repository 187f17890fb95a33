;; Bench-only kernels (bench/cases/eigen.js, assembled there with wabt): what one core reaches with WebAssembly
;; SIMD f64x2 (no FMA in Node 20's wasm), as the ceiling for the symmetric eigensolver's passes.
(module
  (memory (export "memory") 1 32768)

  ;; Streaming multiply-add y <- y + c x over $len doubles (bytes 0.. and $y..), repeated $reps times:
  ;; 2 flops per double, memory (or cache) bound.
  (func (export "axpy") (param $x i32) (param $y i32) (param $len i32) (param $reps i32) (param $c f64)
    (local $i i32) (local $end i32) (local $C v128)
    (local.set $C (f64x2.splat (local.get $c)))
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (block $done
      (loop $rep
        (br_if $done (i32.le_s (local.get $reps) (i32.const 0)))
        (local.set $i (i32.const 0))
        (block $end_i
          (loop $row
            (br_if $end_i (i32.ge_u (local.get $i) (local.get $end)))
            (v128.store (i32.add (local.get $y) (local.get $i))
              (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                (f64x2.mul (local.get $C) (v128.load (i32.add (local.get $x) (local.get $i))))))
            (v128.store offset=16 (i32.add (local.get $y) (local.get $i))
              (f64x2.add (v128.load offset=16 (i32.add (local.get $y) (local.get $i)))
                (f64x2.mul (local.get $C) (v128.load offset=16 (i32.add (local.get $x) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 32)))
            (br $row)))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $rep))))

  ;; Register-blocked product: a 4 x 4 block of C (as 8 f64x2 accumulators) += A(4 x k) B(k x 4) with A and B
  ;; read from a small (cache-resident) panel, repeated $reps times: 2 flops per multiply-add, compute bound.
  ;; Panels: A at byte 0 (k pairs of rows 0-1, 2-3 per column: 4 doubles per column), B at $b (4 doubles per row).
  (func (export "block") (param $b i32) (param $k i32) (param $reps i32) (result f64)
    (local $l i32) (local $end i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local $a01 v128) (local $a23 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $end (i32.shl (local.get $k) (i32.const 5)))
    (block $done
      (loop $rep
        (br_if $done (i32.le_s (local.get $reps) (i32.const 0)))
        (local.set $l (i32.const 0))
        (block $end_l
          (loop $col
            (br_if $end_l (i32.ge_u (local.get $l) (local.get $end)))
            (local.set $a01 (v128.load (local.get $l)))
            (local.set $a23 (v128.load offset=16 (local.get $l)))
            (local.set $b0 (v128.load64_splat (i32.add (local.get $b) (local.get $l))))
            (local.set $b1 (v128.load64_splat offset=8 (i32.add (local.get $b) (local.get $l))))
            (local.set $b2 (v128.load64_splat offset=16 (i32.add (local.get $b) (local.get $l))))
            (local.set $b3 (v128.load64_splat offset=24 (i32.add (local.get $b) (local.get $l))))
            (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $a01) (local.get $b0))))
            (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $a23) (local.get $b0))))
            (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $a01) (local.get $b1))))
            (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $a23) (local.get $b1))))
            (local.set $c4 (f64x2.add (local.get $c4) (f64x2.mul (local.get $a01) (local.get $b2))))
            (local.set $c5 (f64x2.add (local.get $c5) (f64x2.mul (local.get $a23) (local.get $b2))))
            (local.set $c6 (f64x2.add (local.get $c6) (f64x2.mul (local.get $a01) (local.get $b3))))
            (local.set $c7 (f64x2.add (local.get $c7) (f64x2.mul (local.get $a23) (local.get $b3))))
            (local.set $l (i32.add (local.get $l) (i32.const 32)))
            (br $col)))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $rep)))
    ;; the sum of the accumulators, so that the work cannot be dropped
    (local.set $c0 (f64x2.add (f64x2.add (f64x2.add (local.get $c0) (local.get $c1)) (f64x2.add (local.get $c2) (local.get $c3)))
      (f64x2.add (f64x2.add (local.get $c4) (local.get $c5)) (f64x2.add (local.get $c6) (local.get $c7)))))
    (f64.add (f64x2.extract_lane 0 (local.get $c0)) (f64x2.extract_lane 1 (local.get $c0))))
)
