"""Words that name blocked NumPy operations, but no NumPy: nothing to report."""
import json
import pickle


def save(obj, path):
    with open(path, "wb") as handle:
        pickle.dump(obj, handle)


def load(path):
    with open(path) as handle:
        return json.load(handle)


config = getattr(json, "decoder")
