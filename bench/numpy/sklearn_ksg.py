"""Side-by-side rows of bench/cases/ksgLowDim.js: times scikit-learn's mutual_info_regression on the data the
JavaScript case wrote, and computes scikit-learn's KSG values on the same data without its noise.

Input: a raw little-endian float64 file holding x (n rows of d values, row-major) then y (n values).
Output: one JSON line {median_ms, min_ms, runs, values, values_noise_free, sklearn}.

- `values`: mutual_info_regression(x, y, n_neighbors=k, discrete_features=False, copy=True, random_state=0),
  what is timed. It always standardises x and y (population std) and adds noise of 1e-10 x max(1, mean |column|),
  which scikit-learn offers no way to switch off (random_state only fixes it); it clips at 0.
- `values_noise_free`: the same standardisation without the noise, then scikit-learn's own per-column KSG
  (`_compute_mi_cc`, private), i.e. what `ksg(x[:, c], y, {k, standardize: true, clipZero: true})` computes.
Run with Debian's interpreter: /usr/bin/python3 bench/numpy/sklearn_ksg.py FILE N D K RUNS
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_selection import mutual_info_regression
from sklearn.feature_selection._mutual_info import _compute_mi_cc
from sklearn.preprocessing import scale


def main():
    path, n, d, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    raw = np.fromfile(path, dtype="<f8")
    x = raw[: n * d].reshape(n, d)
    y = raw[n * d : n * d + n].copy()
    mutual_info_regression(x, y, n_neighbors=k, discrete_features=False, copy=True, random_state=0)  # warm-up
    times = []
    values = None
    for _ in range(runs):
        t0 = time.perf_counter()
        values = mutual_info_regression(x, y, n_neighbors=k, discrete_features=False, copy=True, random_state=0)
        times.append((time.perf_counter() - t0) * 1000)
    xs = scale(x, with_mean=False, copy=True)
    ys = scale(y, with_mean=False, copy=True)
    noise_free = [float(_compute_mi_cc(xs[:, c].copy(), ys, k)) for c in range(d)]
    print(
        json.dumps(
            {
                "median_ms": float(np.median(times)),
                "min_ms": float(np.min(times)),
                "runs": runs,
                "values": [float(v) for v in values],
                "values_noise_free": noise_free,
                "sklearn": sklearn.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
