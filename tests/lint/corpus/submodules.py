"""NumPy reached through submodules flopscope does not provide."""
import numpy.lib.npyio
import numpy.polynomial as P
from numpy.lib import scimath
from numpy import matrix
import numpy as np

p = P.Polynomial([1.0, 2.0])
r = scimath.sqrt(-1.0)
m = matrix([[1.0, 0.0], [0.0, 1.0]])
y = np.core.multiply(2.0, 3.0)
v = np.emath.log(-1.0)
w = np.linalg.norm(np.ones(3))
