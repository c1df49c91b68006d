#!/usr/bin/env python3
"""Reference values for CECoreTests, computed with mpmath at 50 significant digits.

Run from anywhere (needs python3 with mpmath and numpy):

    python3 Tests/CECoreTests/Reference/generate.py

It rewrites reference.json next to this script. Every case stores its inputs
exactly (shortest round-trip decimal of the Double or Float value, or the seeded
generator below, which the Swift tests reproduce bit for bit) and the exact
outputs to 25 significant digits, so parsing them in Swift rounds once, to the
nearest Float or Double.

Outputs per case: softmax q, logSoftmax, logSumExp, loss = -log q_y and
gradient = q - onehot(y). For the large generated rows only the entries at
`indices` are stored (the label, the argmax and a spread of others). The
wide-spread Gaussian rows (sigma 10 to 50, K 50 to 20 000) come from a seeded
generator too (`gaussian_logits`).
"""
import json, os, random
import mpmath
from mpmath import mp, mpf
import numpy as np

mp.dps = 50
DIGITS = 25

def lcg_logits(seed, count, scale, dtype):
    """Seeded logits reproduced exactly by `ReferenceGenerator` in the tests.

    x <- (6364136223846793005 x + 1442695040888963407) mod 2^64; a Double uses
    53 random bits u in [0, 1), a Float 24; z = (u - 0.5) * scale, scale a power
    of two, so every step is exact in both languages.
    """
    x = seed
    out = []
    for _ in range(count):
        x = (6364136223846793005 * x + 1442695040888963407) % 2**64
        if dtype == "Double":
            u = mpf(x >> 11) / 2**53
        else:
            u = mpf(x >> 40) / 2**24
        out.append((u - mpf(0.5)) * scale)
    return out

def gaussian_logits(seed, count, sigma, dtype):
    """Seeded, roughly Gaussian logits reproduced exactly by `seededGaussianLogits` in the tests.

    The same generator as `lcg_logits`; each logit sums twelve 24-bit uniforms (Irwin-Hall:
    mean 6, variance 1, tails cut at 6 sigma), so S - 6 is an exact Double d; the logit is the
    Double d * sigma (one rounding), rounded once more to Float for a Float row.
    """
    x = seed
    out = []
    for _ in range(count):
        s = 0
        for _ in range(12):
            x = (6364136223846793005 * x + 1442695040888963407) % 2**64
            s += x >> 40
        v = float(s - 6 * 2**24) / 2**24 * float(sigma)
        out.append(mpf(v) if dtype == "Double" else mpf(float(np.float32(v))))
    return out

def fmt(v):
    if mpmath.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == 0:
        return "0"
    return mpmath.nstr(v, DIGITS, min_fixed=1, max_fixed=0)

def exact_outputs(z, y):
    finite = [v for v in z if not mpmath.isinf(v)]
    m = max(finite)
    s = mpmath.fsum(mpmath.exp(v - m) if not mpmath.isinf(v) else mpf(0) for v in z)
    lse = m + mpmath.log(s)
    q = [mpmath.exp(v - lse) if not mpmath.isinf(v) else mpf(0) for v in z]
    logq = [v - lse if not mpmath.isinf(v) else mpf("-inf") for v in z]
    loss = -logq[y]
    grad = [q[j] - (1 if j == y else 0) for j in range(len(z))]
    # q_y - 1 without cancellation: -(sum of the other q)
    grad[y] = -mpmath.fsum(q[j] for j in range(len(z)) if j != y)
    return q, logq, lse, loss, grad

def case(name, dtype, z, y, stored_inputs=None, generator=None, indices=None):
    q, logq, lse, loss, grad = exact_outputs(z, y)
    c = {"name": name, "type": dtype, "label": y}
    if generator is not None:
        c["generator"] = generator
    else:
        c["logits"] = stored_inputs
    if indices is None:
        indices = list(range(len(z)))
    else:
        c["indices"] = indices
    c["softmax"] = [fmt(q[i]) for i in indices]
    c["logSoftmax"] = [fmt(logq[i]) for i in indices]
    c["gradient"] = [fmt(grad[i]) for i in indices]
    c["logSumExp"] = fmt(lse)
    c["loss"] = fmt(loss)
    return c

def from_values(name, dtype, values, y):
    if dtype == "Double":
        vals = [float(v) for v in values]
        z = [mpf(v) for v in vals]
        stored = [repr(v) for v in vals]
    else:
        vals = [np.float32(v) for v in values]
        z = [mpf(float(v)) for v in vals]
        stored = [str(v) for v in vals]
    return case(name, dtype, z, y, stored_inputs=stored)

def main():
    rng = random.Random(20240611)
    wide_rng = random.Random(20261129)  # its own stream, so the earlier cases stay as they were
    cases = []
    for dtype in ("Double", "Float"):
        cases.append(from_values("article", dtype, [1, 2, 0.5], 1))
        for k in (2, 3, 10):
            for r in range(4):
                vals = [rng.gauss(0, 3) for _ in range(k)]
                cases.append(from_values(f"random K={k} #{r}", dtype, vals, rng.randrange(k)))
        # near-cancelling logSumExp: negative logits whose exponentials sum to about 1
        for r in range(4):
            k = rng.choice((2, 3, 5))
            vals = [rng.uniform(-0.1, 0.1) - mpmath.log(k) for _ in range(k)]
            cases.append(from_values(f"logSumExp near 0 #{r}", dtype, [float(v) for v in vals], rng.randrange(k)))
        # wide margins: the loss is tiny and q_y - 1 a tiny negative number
        wide = [50, 0, 0] if dtype == "Double" else [20, 0, 0]
        cases.append(from_values("tiny loss", dtype, wide, 0))
        cases.append(from_values("tiny loss, 5 classes", dtype, [30.25, -1.5, 2.75, 0.125, 3], 0))
        cases.append(from_values("huge loss", dtype, wide, 2))
        # large shared offsets
        off = 1e15 if dtype == "Double" else 1e8
        base = [1, 2, 0.5] if dtype == "Double" else [8, 16, 0]
        cases.append(from_values("offset", dtype, [off + b for b in base], 1))
        cases.append(from_values("negative offset", dtype, [-off + b for b in base], 0))
        # masked classes
        ninf = float("-inf")
        cases.append(from_values("masked", dtype, [1, ninf, 2, 0.5], 0))
        cases.append(from_values("masked, label wins", dtype, [ninf, 12, ninf, 0.5, -3], 1))
        cases.append(from_values("masked label", dtype, [1, ninf, 2], 1))
        # large rows from the seeded generator
        for k, scale, seed in ((1000, 16, 7), (20000, 32, 11)):
            z = lcg_logits(seed, k, scale, dtype)
            y = (seed * 7919) % k
            am = z.index(max(z))
            idx = sorted(set([0, 1, k - 1, y, am] + rng.sample(range(k), 60)))
            cases.append(case(f"generated K={k}", dtype, z, y,
                              generator={"seed": seed, "count": k, "scale": scale},
                              indices=idx))
            # the same row with its label on the argmax: tiny-ish gradient entry
            cases.append(case(f"generated K={k}, label = argmax", dtype, z, am,
                              generator={"seed": seed, "count": k, "scale": scale},
                              indices=idx))
        # wide-spread Gaussian rows: most exponentials are tiny next to the largest one, so
        # log-softmax's largest entry, -log(1 + t), needs t to its full relative precision
        for sigma in (10, 30, 50):
            for k, seed in ((50, 101), (1000, 103), (20000, 107)):
                z = gaussian_logits(seed + sigma, k, sigma, dtype)
                y = (seed * 7919 + sigma) % k
                am = z.index(max(z))
                idx = None if k <= 50 else sorted(set([0, 1, k - 1, y, am] + wide_rng.sample(range(k), 60)))
                gen = {"kind": "gaussian", "seed": seed + sigma, "count": k, "scale": sigma}
                cases.append(case(f"gaussian sigma={sigma} K={k}", dtype, z, y, generator=gen, indices=idx))
                cases.append(case(f"gaussian sigma={sigma} K={k}, label = argmax", dtype, z, am,
                                  generator=gen, indices=idx))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(path, "w") as f:
        json.dump({"generatedBy": "generate.py (mpmath, mp.dps = 50)", "cases": cases}, f, indent=1)
    print(f"wrote {len(cases)} cases to {path}")

if __name__ == "__main__":
    main()
