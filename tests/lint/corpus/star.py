"""Names brought in by a star import are checked too."""
from numpy import *


def main(save=None):
    a = ones(3)
    b = exp(a)
    savez("out.npz", b=b)
    if save:
        save(a)  # the parameter, not numpy.save
    return geterr()
