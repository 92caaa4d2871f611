"""The ``ldncalc`` console script and ``python -m ldncalc``: one command, then exit.

This module imports nothing heavy: it sets the process up for a single short run *before*
the CLI, typer, pydantic and pint are imported, then hands over to :func:`ldncalc.cli.run`.
A program that imports ldncalc as a library never comes here.
"""

import gc
import os


def run() -> None:
    """Console-script entry point."""
    # pydantic scans every installed distribution's entry points for plugins when it builds
    # its first validator (~5 ms); plugins are for a library user's own program, not this one.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # This process runs one command and ends: the cyclic garbage collector only costs time
    # here, walking typer's, pydantic's and pint's objects again and again as they are
    # imported (~14 ms) and all of them once more at exit (~20 ms more than the teardown).
    gc.disable()
    from ldncalc.cli import run as run_command

    run_command()
