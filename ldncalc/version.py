"""The version of ldncalc: the one copy, read by hatch at build time (pyproject.toml) and
re-exported as ``ldncalc.__version__``. A leaf, so that any module (a record's footer, the
compounding log) can name the version without importing the package ``__init__``."""

__version__ = "0.1.0"
