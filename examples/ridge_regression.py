"""Ridge regression on synthetic data: closed form vs. gradient descent.

An ordinary NumPy program (no flopscope imports). Run it under flopscope to see what
each step costs:

    flopscope run examples/ridge_regression.py --budget 1e9 --by-line
"""
import numpy as np

rng = np.random.default_rng(7)
n, d, lam = 2000, 50, 0.1

X = rng.standard_normal((n, d))
w_true = rng.standard_normal(d)
y = X @ w_true + 0.1 * rng.standard_normal(n)

# Under flopscope's cost model a matrix-vector product written with @ costs
# a.size * b.size (200M FLOPs for X.T @ y here); einsum prices it as the ~2*n*d
# work it is, so matrix-vector products below are written with einsum.

# Closed form: (X^T X + lam I) w = X^T y, solved through a Cholesky factor.
G = X.T @ X + lam * np.eye(d)
L = np.linalg.cholesky(G)
w_closed = np.linalg.solve(L.T, np.linalg.solve(L, np.einsum("ij,i->j", X, y)))

# The same objective by gradient descent.
w = np.zeros(d)
step = 1.0 / np.linalg.norm(G, 2)
for _ in range(200):
    residual = np.einsum("ij,j->i", X, w) - y
    grad = np.einsum("ij,i->j", X, residual) + lam * w
    w -= step * grad

gap = np.linalg.norm(w - w_closed) / np.linalg.norm(w_closed)
print(f"closed-form error {np.linalg.norm(w_closed - w_true):.4f}, "
      f"gradient descent gap {float(gap):.2e}")
