"""``python -m ldncalc``: the same as the ``ldncalc`` command."""

from ldncalc.cli import run

run()
