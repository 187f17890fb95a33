"""Vectorised NumPy/SciPy versions of every registered infoplane estimator, written for bench/cases/numpy.js
(issue 13: "faster than the best NumPy version"). Each function takes the arrays and the job's parameters and
returns the values infoplane's operation returns, in nats (or unitless ratios), plus a short note of what it uses.
The definitions are those of ../shared/ESTIMATORS.md with infoplane's defaults and variants (src/estimators/):
they are independent implementations, not translations of the TypeScript loops.
"""
import math

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.linalg
from scipy.spatial import cKDTree
from scipy.special import digamma

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # without it BLAS may oversubscribe the cores inside the streamed passes (slower, same values)
    from contextlib import nullcontext

    def threadpool_limits(limits):
        return nullcontext()

LN2 = math.log(2.0)
EPS64 = 2.220446049250313e-16


# ---------------------------------------------------------------- shared pieces


def neg_sq_dist(a, out=None):
    """-|a_i - a_j|^2 for all pairs by the Gram trick (one BLAS syrk/gemm), clipped at 0, exact 0 diagonal."""
    sq = np.einsum("ij,ij->i", a, a)
    g = np.matmul(a, a.T, out=out)
    g *= 2.0
    g -= sq[:, None]
    g -= sq[None, :]
    np.minimum(g, 0.0, out=g)
    np.fill_diagonal(g, 0.0)
    return g


def gauss_gram(a, sigma, out=None):
    """exp(-|a_i - a_j|^2 / (2 sigma^2)), in place on one n x n buffer."""
    g = neg_sq_dist(a, out)
    g *= 1.0 / (2.0 * sigma * sigma)
    np.exp(g, out=g)
    return g


THREADS = os.cpu_count() or 1
BLOCK_ROWS = 128


def gauss_block(a, a2, sqs, i, e, buf):
    """Rows i..e of exp(-scale |a_i - a_j|^2): a2 = 2 scale a, sqs = scale |a|^2 (Gram trick), exact 0 on the diagonal."""
    g = np.matmul(a2[i:e], a.T, out=buf[: e - i])
    g -= sqs[i:e, None]
    g -= sqs[None, :]
    np.minimum(g, 0.0, out=g)
    r = np.arange(e - i)
    g[r, i + r] = 0.0
    np.exp(g, out=g)
    return g


def kernel_pass(variables, reduce, threads=THREADS, rows=BLOCK_ROWS):
    """Stream the Gaussian kernels of `variables` ([(a, scale)], same n) in blocks of rows, never the n x n matrix:
    cache-sized blocks, one Python thread per core on contiguous row ranges (ufuncs release the GIL), BLAS held to
    1 thread inside. reduce(i, e, blocks) writes per-row results for rows i..e and returns a tuple of partial sums."""
    n = variables[0][0].shape[0]
    prepared = [(a, a * (2 * s), s * np.einsum("ij,ij->i", a, a)) for a, s in variables]

    def work(lo, hi):
        bufs = [np.empty((rows, n)) for _ in prepared]
        total = None
        for i in range(lo, hi, rows):
            e = min(hi, i + rows)
            part = reduce(i, e, [gauss_block(a, a2, sqs, i, e, b) for (a, a2, sqs), b in zip(prepared, bufs)])
            total = part if total is None else tuple(x + y for x, y in zip(total, part))
        return total

    cuts = [n * k // threads for k in range(threads + 1)]
    with threadpool_limits(1):
        if threads == 1:
            parts = [work(0, n)]
        else:
            with ThreadPoolExecutor(threads) as pool:
                parts = list(pool.map(lambda k: work(cuts[k], cuts[k + 1]), range(threads)))
    parts = [p for p in parts if p is not None]
    return tuple(sum(v) for v in zip(*parts))


def class_of_rows(starts):
    """For rows sorted by class: each row's class block [start, end)."""
    counts = np.diff(starts)
    return np.repeat(starts[:-1], counts), np.repeat(starts[1:], counts)


def within_sums(g, i, e, row_start, row_end, out):
    """Row sums of g (rows i..e) over each row's own class columns."""
    r = i
    while r < e:
        s, t = row_start[r], row_end[r]
        stop = min(e, t)
        out[r:stop] = g[r - i : stop - i, s:t].sum(axis=1)
        r = stop



def median_distance(a):
    """Median of the n(n-1)/2 pairwise Euclidean distances (pdist + np.partition); the mean if the median is 0."""
    from scipy.spatial.distance import pdist

    d2 = pdist(a, "sqeuclidean")
    m = d2.size
    if m == 0:
        return 1.0
    if m % 2 == 1:
        k = (m - 1) // 2
        med = math.sqrt(np.partition(d2, k)[k])
    else:
        k = m // 2
        part = np.partition(d2, [k - 1, k])
        med = (math.sqrt(part[k - 1]) + math.sqrt(part[k])) / 2
    if med > 0:
        return med
    s = np.sqrt(d2).sum()
    return s / m if s > 0 else 1.0


def median_distance_of_labels(counts):
    """Median pairwise distance of one-hot labels: 0 (same class) or sqrt(2), counted, not enumerated."""
    n = int(counts.sum())
    same = int((counts * (counts - 1) // 2).sum())
    m = n * (n - 1) // 2
    differ = m - same
    if m == 0:
        return 1.0
    at = lambda r: 0.0 if r < same else math.sqrt(2.0)
    med = at((m - 1) // 2) if m % 2 == 1 else (at(m // 2 - 1) + at(m // 2)) / 2
    if med > 0:
        return med
    return differ * math.sqrt(2.0) / m if differ > 0 else 1.0


def labels_of(y):
    classes, ids = np.unique(y, return_inverse=True)
    return ids, np.bincount(ids, minlength=classes.size)


def sort_by_class(y):
    """Row order grouping the classes, and the block boundaries."""
    ids, counts = labels_of(y)
    order = np.argsort(ids, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)))
    return order, starts, counts


def eigvals_sym(a):
    """All eigenvalues of a symmetric matrix (LAPACK dsyevd, values only, in place)."""
    return scipy.linalg.eigh(a, eigvals_only=True, driver="evd", overwrite_a=True, check_finite=False)


# ---------------------------------------------------------------- binning family


def row_ids(sym, radix):
    """Dense ids of the distinct rows of a small-integer matrix: a mixed-radix int64 key when it fits, else bytes."""
    n, d = sym.shape
    if d * math.log2(max(radix, 2)) < 62:
        key = np.zeros(n, dtype=np.int64)
        for c in range(d):
            key *= radix
            key += sym[:, c]
        return np.unique(key, return_inverse=True)[1]
    return rows_ids_bytes(np.ascontiguousarray(sym))


def rows_ids_bytes(a):
    v = np.ascontiguousarray(a).view(np.dtype((np.void, a.dtype.itemsize * a.shape[1]))).ravel()
    return np.unique(v, return_inverse=True)[1]


def entropy_ids(ids):
    c = np.bincount(ids)
    c = c[c > 0].astype(np.float64)
    n = c.sum()
    return math.log(n) - float(np.dot(c, np.log(c))) / n


def joint_ids(a, b):
    return np.unique(a.astype(np.int64) * (int(b.max()) + 1) + b, return_inverse=True)[1]


def binned_point(tsym, radix, x, y):
    t_ids = row_ids(tsym, radix)
    x_ids = rows_ids_bytes(x)
    y_ids = labels_of(y)[0]
    h_t = entropy_ids(t_ids)
    h_t_x = max(0.0, entropy_ids(joint_ids(t_ids, x_ids)) - entropy_ids(x_ids))
    h_t_y = max(0.0, entropy_ids(joint_ids(t_ids, y_ids)) - entropy_ids(y_ids))
    return {"ixt": max(0.0, h_t - h_t_x), "ity": max(0.0, h_t - h_t_y)}


def symbolize(t, edges, out_of_range):
    k = np.searchsorted(edges, t, side="right") - 1  # number of edges <= v, minus 1
    below = k < 0
    k[below] = edges.size - 1 if out_of_range == "wrap" else 0
    return k


def binning(x, t, y, p):
    bins = p.get("bins", 30)
    lo, hi = p.get("range", [-1, 1])
    edges = np.linspace(lo, hi, bins).astype(np.float32).astype(np.float64)
    sym = symbolize(t, edges, p.get("outOfRange", "clamp"))
    return binned_point(sym, bins, x, y), "searchsorted + int64 row keys + np.unique + bincount"


def adaptive_binning(x, t, y, p):
    bins = p.get("bins", 30)
    lo = float(t.min())
    lower = 0.0 if lo >= 0 else (-1.000001 if lo >= -1 else lo)
    u = np.unique(t)
    u = u[u != lower]
    if u.size == 0:
        edges = np.array([np.float32(lower)], dtype=np.float64)
    else:
        idx = (np.arange(bins) * (u.size / bins)).astype(np.int64)
        edges = np.concatenate(([lower], u[idx], [u[-1]])).astype(np.float32).astype(np.float64)
    sym = symbolize(t, edges, "wrap")
    return binned_point(sym, edges.size, x, y), "np.unique quantile edges + searchsorted + int64 row keys + np.unique"


# ---------------------------------------------------------------- KDE family


def kde_point_nats(t, y, variance, bound):
    n, d = t.shape
    kv = 4 * variance if bound == "lower" else variance
    shift = (d / 2) * math.log(0.25) if bound == "lower" else 0.0
    order, starts, counts = sort_by_class(y)
    ts = t[order]
    row_start, row_end = class_of_rows(starts)
    all_rows, within = np.empty(n), np.empty(n)

    def reduce(i, e, blocks):
        (g,) = blocks  # self terms exp(0) = 1: the logsumexp needs no max shift
        all_rows[i:e] = g.sum(axis=1)
        within_sums(g, i, e, row_start, row_end, within)
        return (0.0,)

    kernel_pass([(ts, 1 / (2 * kv))], reduce)

    def h(rows):
        return d / 2 + math.log(rows.size) + (d / 2) * math.log(2 * math.pi * kv) - float(np.log(rows).mean()) + shift

    h_t = h(all_rows)
    h_ty = sum((e - s) / n * h(within[s:e]) for s, e in zip(starts[:-1], starts[1:]) if e > s)
    h_tx = (d / 2) * (math.log(2 * math.pi * variance) + 1)
    return {"ixt": h_t - h_tx, "ity": h_t - h_ty}


STREAM_USES = "Gram-trick kernel blocks (BLAS), in-place exp, row sums; 128-row blocks on %d threads" % THREADS


def kde(x, t, y, p):
    v = kde_point_nats(t, y, p.get("noiseVariance", 1e-3), p.get("bound", "upper"))
    return v, STREAM_USES


def adaptive_kde(x, t, y, p):
    v = kde_point_nats(t, y, p.get("noiseVariance", 1e-3) * float(t.max()), p.get("bound", "upper"))
    return v, STREAM_USES


# ---------------------------------------------------------------- Cauchy-Schwarz


def qmi_bits(product, sum_a, sum_b, cross):
    return math.log2((product / cross) * ((sum_a * sum_b) / cross))


def label_sums(all_rows, within, counts, sigma_y):
    """CS sums of (T, one-hot Y) from T's kernel row sums and within-class row sums (rows sorted by class)."""
    n = all_rows.size
    q = math.exp(-1 / (sigma_y * sigma_y))
    row_y = np.repeat(counts + q * (n - counts), counts).astype(np.float64)
    product = float((within + q * (all_rows - within)).sum())
    return product, float(all_rows.sum()), float(row_y.sum()), float(np.dot(all_rows, row_y))


def label_self_sums(counts, sigma_y):
    n = counts.sum()
    q = math.exp(-1 / (sigma_y * sigma_y))
    c = counts.astype(np.float64)
    row = c + q * (n - c)
    product = float((c * (c + q * q * (n - c))).sum())
    s = float((c * row).sum())
    return product, s, s, float((c * row * row).sum())


def cs_bandwidths(x, t, y, p):
    sig = p.get("sigma", "median")
    rule = lambda name, fn: (fn() if p.get(name, sig) == "median" else float(p.get(name, sig)))
    counts = labels_of(y)[1]
    return (
        rule("sigmaX", lambda: median_distance(x)),
        rule("sigmaT", lambda: median_distance(t)),
        rule("sigmaY", lambda: median_distance_of_labels(counts)),
    )


def cs_pass(x, t, y, sx, st, squares):
    """One streamed pass over Kx and Kt (rows sorted by class): row sums, sum(Kx o Kt), within-class row sums of
    Kt and, with `squares`, sum(Kx o Kx) and sum(Kt o Kt)."""
    order, starts, counts = sort_by_class(y)
    n = x.shape[0]
    row_start, row_end = class_of_rows(starts)
    rx, rt, within = np.empty(n), np.empty(n), np.empty(n)

    def reduce(i, e, blocks):
        kx, kt = blocks
        rx[i:e] = kx.sum(axis=1)
        rt[i:e] = kt.sum(axis=1)
        within_sums(kt, i, e, row_start, row_end, within)
        fx, ft = kx.ravel(), kt.ravel()
        if squares:
            return (float(np.dot(fx, ft)), float(np.dot(fx, fx)), float(np.dot(ft, ft)))
        return (float(np.dot(fx, ft)),)

    sums = kernel_pass([(x[order], 1 / (2 * sx * sx)), (t[order], 1 / (2 * st * st))], reduce)
    return sums, rx, rt, within, counts


CS_USES = (
    "pdist + np.partition medians, one streamed pass of Gram-trick kernel blocks (BLAS) on %d threads, "
    "closed-form label kernel" % THREADS
)


def cs(x, t, y, p):
    sx, st, sy = cs_bandwidths(x, t, y, p)
    (product,), rx, rt, within, counts = cs_pass(x, t, y, sx, st, False)
    ixt = qmi_bits(product, rx.sum(), rt.sum(), float(np.dot(rx, rt)))
    ity = qmi_bits(*label_sums(rt, within, counts, sy))
    return {"ixt": ixt * LN2, "ity": ity * LN2}, CS_USES


def cs_normalized(x, t, y, p):
    sx, st, sy = cs_bandwidths(x, t, y, p)
    (p_xt, p_xx, p_tt), rx, rt, within, counts = cs_pass(x, t, y, sx, st, True)
    q_xt = qmi_bits(p_xt, rx.sum(), rt.sum(), float(np.dot(rx, rt)))
    q_xx = qmi_bits(p_xx, rx.sum(), rx.sum(), float(np.dot(rx, rx)))
    q_tt = qmi_bits(p_tt, rt.sum(), rt.sum(), float(np.dot(rt, rt)))
    q_ty = qmi_bits(*label_sums(rt, within, counts, sy))
    q_yy = qmi_bits(*label_self_sums(counts, sy))
    floor = 1e-13
    ixt = q_xt / math.sqrt(q_xx * q_tt) if q_xx > floor and q_tt > floor else 0.0
    ity = q_ty / math.sqrt(q_tt * q_yy) if q_tt > floor and q_yy > floor else 0.0
    return {"ixt": ixt, "ity": ity}, CS_USES + ", self terms in the same pass"


# ---------------------------------------------------------------- matrix-based Renyi


def renyi_of_eigenvalues(lam, alpha, scale):
    lam = lam[lam > 0]
    if lam.size == 0:
        return 0.0
    if alpha == 1:
        l = lam / scale
        return float(-(l * np.log(l)).sum())
    mx = lam.max()
    return (alpha * math.log(mx / scale) + math.log(float(np.power(lam / mx, alpha).sum()))) / (1 - alpha)


def renyi(x, t, y, p):
    alpha = p.get("alpha", 1.01)
    n = x.shape[0]
    sig = p.get("sigma", "median")
    ids, counts = labels_of(y)
    sx = median_distance(x) if p.get("sigmaX", sig) == "median" else float(p.get("sigmaX", sig))
    st = median_distance(t) if p.get("sigmaT", sig) == "median" else float(p.get("sigmaT", sig))
    sy = median_distance_of_labels(counts) if p.get("sigmaY", sig) == "median" else float(p.get("sigmaY", sig))
    q = math.exp(-1 / (sy * sy))
    if alpha == 2:
        # S_2(K / n) = -ln(||K||_F^2 / n^2); squared Gaussian kernels are kernels of scale 1 / sigma^2; one
        # streamed pass gives ||Kx||^2, ||Kt||^2, ||Kx o Kt||^2, ||Kt o Ky||^2 (Ky: 1 within a class, q^2 across)
        order, starts, counts_sorted = sort_by_class(y)
        row_start, row_end = class_of_rows(starts)
        n2 = n * n

        within = np.empty(n)

        def reduce(i, e, blocks):
            kx, kt = blocks
            within_sums(kt, i, e, row_start, row_end, within)
            w, all_t = within[i:e], kt.sum(axis=1)
            fxt = float(np.dot(kx.ravel(), kt.ravel()))
            return (float(kx.sum()), float(all_t.sum()), fxt, float((w + q * q * (all_t - w)).sum()))

        fx, ft, fxt, fty = kernel_pass([(x[order], 1 / (sx * sx)), (t[order], 1 / (st * st))], reduce)
        fy = float((counts * (counts + q * q * (n - counts))).sum())
        hx, ht, hy = -math.log(fx / n2), -math.log(ft / n2), -math.log(fy / n2)
        hxt, hty = -math.log(fxt / n2), -math.log(fty / n2)
        uses = STREAM_USES + ", Frobenius norms"
    else:
        kt = gauss_gram(t, st)
        kx = gauss_gram(x, sx)
        ky = np.where(ids[:, None] == ids[None, :], 1.0, q)
        ent = lambda k: renyi_of_eigenvalues(eigvals_sym(k), alpha, float(n))  # every trace is n
        hxt = ent(kx * kt)
        hx = ent(kx)
        hty = ent(kt * ky)
        hy = ent(ky)
        ht = ent(kt)
        uses = "Gram-trick kernels (BLAS), 5 x scipy.linalg.eigh(eigvals_only, driver='evd')"
    return {"ixt": hx + ht - hxt, "ity": ht + hy - hty}, uses


# ---------------------------------------------------------------- diffusion spectral entropy / MI


def dse_bits(t, sigma, power):
    g = gauss_gram(t, sigma)
    r = 1 / np.sqrt(g.sum(axis=1))
    g *= r[:, None]
    g *= r[None, :]
    lam = np.abs(eigvals_sym(g)) ** power
    pr = lam / lam.sum() + EPS64
    return float(-(pr * np.log2(pr)).sum())


def dse(x, t, y, p):
    v = dse_bits(t, p.get("sigma", 10), p.get("t", 1)) * LN2
    return {"value": v}, "Gram-trick kernel (BLAS), scipy.linalg.eigh(eigvals_only, driver='evd') of D^-1/2 G D^-1/2"


def dsmi(x, t, y, p):
    """Reference variant with the subsets the job gives ([class][repetition][rows], classes in sorted order)."""
    sigma, power = p.get("sigma", 10), p.get("t", 1)
    ids, counts = labels_of(y)
    n = t.shape[0]
    total = 0.0
    for c, subsets in enumerate(p["subsets"]):
        nb = counts[c]
        if nb == 0:
            continue
        h_b = dse_bits(t[ids == c], sigma, power)
        h_rand = np.mean([dse_bits(t[np.asarray(s)], sigma, power) for s in subsets])
        total += nb / n * (h_rand - h_b)
    return {"value": total * LN2}, "per class and subset: Gram-trick kernel (BLAS) + eigh(driver='evd')"


# ---------------------------------------------------------------- kNN: KSG, Ross, compressed


def max_norm_block(a_t, i, e, out, tmp):
    """Rows i..e of the max-norm distances |a_i - a_j|_inf (a_t: a transposed), one column at a time in place."""
    np.subtract(a_t[0][None, :], a_t[0][i:e, None], out=out)
    np.abs(out, out=out)
    for c in range(1, a_t.shape[0]):
        np.subtract(a_t[c][None, :], a_t[c][i:e, None], out=tmp)
        np.abs(tmp, out=tmp)
        np.maximum(out, tmp, out=out)
    return out


def ksg_counts_brute(a, b, k, threads=THREADS, rows=64):
    """eps_i, n_a(i), n_b(i) of KSG by streamed max-norm distance blocks (exact: differences, abs and max only)
    and np.partition; faster than a k-d tree once the joint space has 10 or more dimensions."""
    n = a.shape[0]
    a_t, b_t = np.ascontiguousarray(a.T), np.ascontiguousarray(b.T)
    na, nb = np.empty(n, np.int64), np.empty(n, np.int64)

    def work(lo, hi):
        ba, bb, bz, tmp = (np.empty((rows, n)) for _ in range(4))
        for i in range(lo, hi, rows):
            e = min(hi, i + rows)
            m = e - i
            da = max_norm_block(a_t, i, e, ba[:m], tmp[:m])
            db = max_norm_block(b_t, i, e, bb[:m], tmp[:m])
            dz = np.maximum(da, db, out=bz[:m])
            eps = np.partition(dz, k, axis=1)[:, k][:, None]  # column k: the k-th neighbour, self (0) excluded
            na[i:e] = (da < eps).sum(axis=1) - 1
            nb[i:e] = (db < eps).sum(axis=1) - 1

    cuts = [n * j // threads for j in range(threads + 1)]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda j: work(cuts[j], cuts[j + 1]), range(threads)))
    return na, nb


def ksg_counts_tree(a, b, k):
    z = np.hstack((a, b))
    r = np.nextafter(cKDTree(z).query(z, k=k + 1, p=np.inf, workers=-1)[0][:, k], 0)  # strict: < eps
    na = cKDTree(a).query_ball_point(a, r, p=np.inf, return_length=True, workers=-1) - 1
    nb = cKDTree(b).query_ball_point(b, r, p=np.inf, return_length=True, workers=-1) - 1
    return na, nb


def ksg_nats(a, b, k):
    """KSG algorithm 1 (max-norm), strict counts: cKDTree below 10 joint dimensions, streamed brute force above."""
    n = a.shape[0]
    na, nb = (ksg_counts_brute if a.shape[1] + b.shape[1] >= 10 else ksg_counts_tree)(a, b, k)
    return float(digamma(k) + digamma(n) - np.mean(digamma(na + 1) + digamma(nb + 1)))


def ross_nats(a, y, k):
    """Ross (2014) mixed estimator, Euclidean; classes with one sample dropped."""
    ids, counts = labels_of(y)
    keep = counts[ids] > 1
    a, ids = a[keep], ids[keep]
    m = a.shape[0]
    radius = np.empty(m)
    own = np.empty(m)
    for c in np.unique(ids):
        rows = np.nonzero(ids == c)[0]
        kc = min(k, rows.size - 1)
        radius[rows] = cKDTree(a[rows]).query(a[rows], k=kc + 1, workers=-1)[0][:, kc]
        own[rows] = digamma(kc) - digamma(rows.size)
    within = cKDTree(a).query_ball_point(a, np.nextafter(radius, 0), return_length=True, workers=-1)
    return float(digamma(m) + own.mean() - digamma(within).mean())


def ksg(x, t, y, p):
    k = p.get("k", 3)
    uses = "I(X;T): streamed max-norm blocks + np.partition on %d threads (a cKDTree was 4x slower at 24 joint" % THREADS
    return {"ixt": ksg_nats(x, t, k), "ity": ross_nats(t, y, k)}, uses + " dims); I(T;Y): cKDTree (Ross)"


def pca_compress(a, dims):
    if dims >= a.shape[1]:
        c = a
    else:
        centred = a - a.mean(axis=0)
        w, v = np.linalg.eigh(centred.T @ centred)
        c = centred @ v[:, ::-1][:, :dims]
    return c / c.std(axis=0)  # rescale 'coordinates': every coordinate std 1


def compressed(x, t, y, p):
    if p.get("noiseStd", 1e-3) != 0:
        raise ValueError("the NumPy side needs noiseStd 0 (infoplane's seeded noise is not reproducible here)")
    dims = p.get("dims", 4)
    k = p.get("k", 5)
    cx = pca_compress(x, p.get("dimsX", dims))
    ct = pca_compress(t, p.get("dimsT", dims))
    return {"ixt": ksg_nats(cx, ct, k), "ity": ross_nats(ct, y, k)}, "np.linalg.eigh PCA + scipy cKDTree (workers=-1) KSG / Ross"


# ---------------------------------------------------------------- representation measures


def coding_rate(x, t, y, p):
    eps = p.get("eps", math.sqrt(0.5))
    n, d = t.shape

    def rate(z):
        m = z.shape[0]
        a = np.eye(d) + (d / (m * eps * eps)) * (z.T @ z)
        return 0.5 * np.linalg.slogdet(a)[1]

    ids, counts = labels_of(y)
    r = rate(t)
    cond = sum(counts[c] / n * rate(t[ids == c]) for c in range(counts.size) if counts[c] > 0)
    return {"ixt": r, "ity": r - cond}, "BLAS Z'Z + np.linalg.slogdet (d x d)"


def effective_rank(x, t, y, p):
    z = t - t.mean(axis=0) if p.get("center", True) else t
    lam = np.linalg.eigvalsh(z.T @ z)
    tr = float(np.einsum("ij,ij->", z, z))
    l = lam[lam > 0] / tr
    return {"value": float(-(l * np.log(l)).sum()) if tr > 0 else 0.0}, "BLAS Z'Z + np.linalg.eigvalsh (d x d)"


FAMILIES = {
    "binning": binning,
    "adaptive-binning": adaptive_binning,
    "kde": kde,
    "adaptive-kde": adaptive_kde,
    "cs": cs,
    "cs-normalized": cs_normalized,
    "dse": dse,
    "dsmi": dsmi,
    "renyi": renyi,
    "ksg": ksg,
    "compressed": compressed,
    "coding-rate": coding_rate,
    "effective-rank": effective_rank,
}
