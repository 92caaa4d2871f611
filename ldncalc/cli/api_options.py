"""The options of an API lot's certificate of analysis, shared by the commands that weigh
naltrexone powder (``ldncalc drops``, ``ldncalc cream``, ``ldncalc liquid --source api``): see
:mod:`ldncalc.preparations.capsule.certificate` for what each one changes."""

from typing import Annotated

import typer

SaltOption = Annotated[
    str,
    typer.Option(metavar="FORM", help="Form of the API powder: hcl, hcl-dihydrate or base."),
]
AssayOption = Annotated[
    str | None,
    typer.Option(
        metavar="PERCENT",
        help="Assay of the API lot, from its certificate of analysis.",
        show_default="100%",
    ),
]
AssayAsOption = Annotated[
    str | None,
    typer.Option(metavar="FORM", help="What the certificate expresses the assay as."),
]
AssayBasisOption = Annotated[
    str | None,
    typer.Option(metavar="BASIS", help="as-is, or anhydrous (dried) with --water."),
]
WaterOption = Annotated[
    str | None,
    typer.Option(metavar="PERCENT", help="Water of the lot, from the certificate."),
]
