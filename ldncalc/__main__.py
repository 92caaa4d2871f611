"""``python -m ldncalc``: the same as the ``ldncalc`` command."""

from ldncalc.console import run

run()
