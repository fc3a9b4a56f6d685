"""A clean program: nothing to report."""
import numpy as np
from numpy.linalg import norm

rng = np.random.default_rng(0)
X = rng.standard_normal((200, 2))
C = X[:5].copy()
for _ in range(20):
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    C = np.array([X[labels == j].mean(axis=0) for j in range(5)])
print(norm(C), np.pi, np.float64(1.0), np.newaxis)
try:
    np.linalg.inv(np.zeros((2, 2)))
except np.linalg.LinAlgError:
    pass
