"""``ldncalc liquid``: an oral liquid from 50 mg tablets."""

from typing import TYPE_CHECKING, Annotated

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
    TabletStrengthOption,
    check_fhir,
    profile_sensitivity,
    required,
    with_documents,
    write_and_print,
)

if TYPE_CHECKING:
    from ldncalc.models import ApiLiquidResult, LiquidResult


@with_documents  # --label, --record and the prescription options (options.py)
def liquid_command(
    target: Annotated[
        str | None,
        typer.Option(
            metavar="DOSE",
            help="Dose per administration, as naltrexone HCl: 4.5mg, 500mcg.",
            show_default=False,
        ),
    ] = None,
    concentration: Annotated[
        str | None,
        typer.Option(
            metavar="CONC",
            help="Concentration to make: 0.5mg/mL, 1mg/mL or 5mg/mL.",
            show_default="the formulation's, 1mg/mL",
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
    volume: Annotated[
        str | None,
        typer.Option(
            metavar="VOLUME",
            help="Final volume instead of --days: 100mL (must take whole tablets).",
            show_default=False,
        ),
    ] = None,
    doses_per_day: DosesPerDayOption = "1",
    source: Annotated[
        str | None,
        typer.Option(
            metavar="SOURCE",
            help="What the drug comes from: tablets, or api (naltrexone HCl powder, a solution).",
            show_default="tablets",
        ),
    ] = None,
    salt: SaltOption = "hcl",
    assay: AssayOption = None,
    assay_as: AssayAsOption = None,
    assay_basis: AssayBasisOption = None,
    water: WaterOption = None,
    tablet_strength: TabletStrengthOption = None,
    balance_sensitivity: BalanceSensitivityOption = None,
    formulation: FormulationOption = None,
    formulations_dir: FormulationsDirOption = None,
    json: JsonOption = False,
    fhir: FhirOption = None,
    fhir_version: FhirVersionOption = None,
    *,
    documents: Documents,
) -> None:
    """Oral liquid from 50 mg tablets: tablets, final volume, dose volume and syringe, BUD.

    \b
    Example:
      ldncalc liquid --target 4.5mg --concentration 1mg/mL --days 30
    """
    # imported here: each command builds only its own models
    from ldncalc.preparations.liquid import liquid
    from ldncalc.preparations.liquid.source import read_source

    prepared = documents.prepare(fhir=fhir)  # a bad date or a missing profile stops early
    version = check_fhir(fhir, fhir_version, force=documents.force)
    sensitivity = (
        balance_sensitivity
        if balance_sensitivity is not None
        else profile_sensitivity(prepared, documents.pharmacy)
    )
    from_api = read_source(
        source,
        api={"salt": salt if salt != "hcl" else None, "assay": assay, "assay_as": assay_as,
             "assay_basis": assay_basis, "water": water},
        tablets={"volume": volume, "tablet_strength": tablet_strength},
    )  # fmt: skip
    if from_api:  # naltrexone HCl powder, a solution (issue 14 §2)
        from ldncalc.preparations.liquid.api import api_liquid

        result: LiquidResult | ApiLiquidResult = api_liquid(
            target=required(target, "--target", "4.5mg"), concentration=concentration,
            days=days, doses_per_day=doses_per_day, salt=salt, assay=assay, assay_as=assay_as,
            assay_basis=assay_basis, water=water, balance_sensitivity=sensitivity,
            formulation=formulation, formulations_dir=formulations_dir,
        )  # fmt: skip
    else:
        result = liquid(
            target=required(target, "--target", "4.5mg"),
            concentration=concentration,
            volume=volume,
            days=days,
            doses_per_day=doses_per_day,
            tablet_strength=tablet_strength,
            balance_sensitivity=sensitivity,
            formulation=formulation,
            formulations_dir=formulations_dir,
        )
    write_and_print(
        prepared, result, json=json, fhir=fhir, fhir_version=version, force=documents.force,
        order=documents.inputs,
    )  # fmt: skip
