"""NumPy side of bench/cases/numpy.js: times one estimator family's NumPy/SciPy version on the arrays the
JavaScript case wrote, and prints one JSON line {median_ms, min_ms, runs, values, uses, versions}.

Usage: /usr/bin/python3 bench/numpy/driver.py JOB.json
JOB: {"family", "params", "runs", "dir", "n", "dx", "dt"}; DIR holds x.f64 (n x dx), t.f64 (n x dt) and y.f64
(n labels), raw little-endian float64, row-major.

Fairness notes (read the ratios with them):
- Best known vectorisation, not a transcription of infoplane's loops: Gaussian kernels by the Gram trick (BLAS
  matmul) streamed in 128-row blocks (cache-sized, no n x n matrix) with in-place np.exp, row sums and ddot for
  sum(A o B), one Python thread per core over row ranges (ufuncs release the GIL; BLAS held to 1 thread there
  with threadpoolctl); medians by pdist + np.partition (linear-time selection); binning by searchsorted and
  mixed-radix int64 row keys + np.unique; kNN by SciPy's cKDTree with workers=-1; full spectra (Renyi
  alpha != 2, DSE, DSMI) by LAPACK dsyevd, values only, in place (scipy.linalg.eigh; evr and ev were no faster
  here); log-determinants by slogdet. Label kernels use their closed form (1 within a class, exp(-1/sigma^2)
  across), as infoplane does, except Renyi alpha != 2, which needs the dense matrix for its spectrum.
- Threads: the NumPy side uses every core (2 here): OpenBLAS (Debian's pthreads build) for BLAS/LAPACK, the
  streamed kernel passes, cKDTree's workers=-1; infoplane runs with its spec defaults (`threads` 1 for the kernel
  families at the time of writing, dsmi 2), so a ratio below 1 at threads 1 may be a thread count, not a kernel.
- The same data, read from the same float64 bytes; the timed call starts from the in-memory arrays (reading
  files is outside the timing on both sides). Labels are converted inside the timed call on both sides.
- infoplane's point calls also compute terms the NumPy versions skip (per-class terms, H(T|X,Y), standard
  errors, diagnostics such as tie and saturation checks): that work is counted against infoplane.
- DSE/DSMI: infoplane's default method 'auto' brackets the entropy to 1e-6 bits without the full spectrum; the
  NumPy side computes the full spectrum (what the definition and the authors' code do); no standard NumPy
  routine gives the bound.
- Timing: one warm-up call, then `runs` calls (time.perf_counter); median and min reported.
"""
import json
import os
import sys
import time


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    try:
        import numpy as np
        import scipy
        from estimators import FAMILIES
    except ImportError as e:  # reported by the case as a note, not a failure
        print(json.dumps({"missing": str(e)}))
        return
    n, dx, dt = job["n"], job["dx"], job["dt"]
    load = lambda name, d: np.fromfile(os.path.join(job["dir"], name), dtype="<f8").reshape(n, d) if d else None
    x, t = load("x.f64", dx), load("t.f64", dt)
    y = np.fromfile(os.path.join(job["dir"], "y.f64"), dtype="<f8").astype(np.int64)
    fn = FAMILIES[job["family"]]
    params = job.get("params", {})
    runs = int(job.get("runs", 3))
    if job.get("warmup", True):
        fn(x, t, y, params)
    times = []
    values, uses = None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        values, uses = fn(x, t, y, params)
        times.append((time.perf_counter() - t0) * 1000)
    print(
        json.dumps(
            {
                "median_ms": float(np.median(times)),
                "min_ms": float(np.min(times)),
                "runs": runs,
                "values": values,
                "uses": uses,
                "versions": f"numpy {np.__version__}, scipy {scipy.__version__}",
            }
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
