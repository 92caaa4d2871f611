"""The preparations ldncalc calculates, one package each: read the input, compute the
figures, describe them as message records (the words are in :mod:`ldncalc.locale`), and
return the package's own result class (``result.py``)."""
