"""Blocked operations through every import style."""
import numpy
import numpy as np
import numpy as xp
from numpy import loadtxt
from numpy import savetxt as write_table, exp

a = np.ones(3)
np.save("a.npy", a)
numpy.savez("b.npz", a=a)
xp.seterr(all="ignore")
table = loadtxt("in.txt")
write_table("out.txt", exp(a))
text = np.array2string(a)
f = getattr(np, "fromfile")


def helper(np):
    return np.save  # a parameter named np is not NumPy
