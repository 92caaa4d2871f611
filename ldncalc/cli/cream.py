"""``ldncalc cream``: a topical cream by weight from API powder."""

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
def cream_command(
    strength: Annotated[
        str | None,
        typer.Option(
            metavar="STRENGTH",
            help="Strength by weight, as naltrexone HCl: 10mg/g (one the record lists).",
            show_default=False,
        ),
    ] = None,
    quantity: Annotated[
        str | None,
        typer.Option(metavar="WEIGHT", help="Weight made and dispensed: 30g.", show_default=False),
    ] = None,
    dose: Annotated[
        str | None,
        typer.Option(
            metavar="WEIGHT",
            help="Cream applied each time: 1g (whole pumps with a metered pump).",
            show_default="the formulation's, 1g",
        ),
    ] = None,
    pump_volume: Annotated[
        str | None,
        typer.Option(
            metavar="VOLUME",
            help="Volume of one actuation of the metered pump dispensed: 0.5mL (or what it "
            "delivers of this cream, as your pharmacy weighed it: 0.5g).",
            show_default="the formulation's, 0.5mL",
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
    """Topical cream by weight from API powder (USP compounded monograph): every weighing.

    \b
    Example:
      ldncalc cream --strength 10mg/g --quantity 30g
    """
    # imported here: each command builds only its own models
    from ldncalc.preparations.cream import cream as calculate

    prepared = documents.prepare(fhir=fhir)  # a bad date or a missing profile stops early
    version = check_fhir(fhir, fhir_version, force=documents.force)
    result = calculate(
        strength=required(strength, "--strength", "10mg/g"),
        quantity=required(quantity, "--quantity", "30g"),
        dose=dose,
        pump_volume=pump_volume,
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
