"""NumPy reached where no static rewrite can see it."""
import importlib
import sys

import numpy as np

name = "exp"
f = getattr(np, name)
g = getattr(np.linalg, "solve")
h = getattr(sys, name)
mod = importlib.import_module("numpy")
other = importlib.import_module("json")
raw = __import__("numpy.linalg")
exec("np.save('x.npy', np.ones(2))")
value = eval("1 + 1")
table = np.__dict__["exp"]
members = vars(np)
real = sys.modules["numpy"]
also = sys.modules.get("numpy.fft")
me = sys.modules[__name__]
