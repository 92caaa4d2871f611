"""``ldncalc drops``: sublingual drops from API powder, the dose in whole drops."""

from typing import Annotated

import typer

from ldncalc.cli.api_options import (
    AssayAsOption,
    AssayBasisOption,
    AssayOption,
    SaltOption,
    WaterOption,
)
from ldncalc.cli.options import (
    BalanceSensitivityOption,
    Documents,
    DosesPerDayOption,
    FhirOption,
    FhirVersionOption,
    FormulationOption,
    FormulationsDirOption,
    JsonOption,
    check_fhir,
    profile_sensitivity,
    required,
    with_documents,
    write_and_print,
)


@with_documents  # --label, --record and the prescription options (options.py)
def drops_command(
    target: Annotated[
        str | None,
        typer.Option(
            metavar="DOSE",
            help="Dose per administration, as naltrexone HCl: 0.5mg, 500mcg.",
            show_default=False,
        ),
    ] = None,
    drop_volume: Annotated[
        str | None,
        typer.Option(
            metavar="VOLUME",
            help="Volume of one drop of the dropper dispensed, as your pharmacy calibrated it "
            "with this solution: 0.05mL (a USP medicine dropper: 20 drops of water per mL).",
            show_default=False,
        ),
    ] = None,
    drops: Annotated[
        str | None,
        typer.Option(
            metavar="N",
            help="Drops a dose (the concentration follows).",
            show_default="the formulation's, 1",
        ),
    ] = None,
    concentration: Annotated[
        str | None,
        typer.Option(
            metavar="CONC",
            help="Concentration to make instead: the dose must be whole drops within 5 %.",
            show_default="dose ÷ (drops × drop volume)",
        ),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(
            metavar="DAYS",
            help="Days of supply: 14, 14d or 2w.",
            show_default="the lesser of 30 and the BUD",
        ),
    ] = None,
    doses_per_day: DosesPerDayOption = "1",
    salt: SaltOption = "hcl",
    assay: AssayOption = None,
    assay_as: AssayAsOption = None,
    assay_basis: AssayBasisOption = None,
    water: WaterOption = None,
    balance_sensitivity: BalanceSensitivityOption = None,
    formulation: FormulationOption = None,
    formulations_dir: FormulationsDirOption = None,
    json: JsonOption = False,
    fhir: FhirOption = None,
    fhir_version: FhirVersionOption = None,
    *,
    documents: Documents,
) -> None:
    """Sublingual drops from API powder: concentration, powder to weigh, volumes, BUD.

    \b
    Example:
      ldncalc drops --target 0.5mg --drop-volume 0.05mL
    """
    # imported here: each command builds only its own models
    from ldncalc.preparations.drops import drops as calculate

    prepared = documents.prepare(fhir=fhir)  # a bad date or a missing profile stops early
    version = check_fhir(fhir, fhir_version, force=documents.force)
    result = calculate(
        target=required(target, "--target", "0.5mg"),
        drop_volume=required(drop_volume, "--drop-volume", "0.05mL"),
        drops=drops,
        concentration=concentration,
        days=days,
        doses_per_day=doses_per_day,
        salt=salt,
        assay=assay,
        assay_as=assay_as,
        assay_basis=assay_basis,
        water=water,
        balance_sensitivity=(
            balance_sensitivity
            if balance_sensitivity is not None
            else profile_sensitivity(prepared, documents.pharmacy)
        ),
        formulation=formulation,
        formulations_dir=formulations_dir,
    )
    write_and_print(
        prepared, result, json=json, fhir=fhir, fhir_version=version, force=documents.force,
        order=documents.inputs,
    )  # fmt: skip
