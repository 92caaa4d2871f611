"""``ldncalc capsule``: a batch of capsules from API powder or crushed tablets."""

from typing import Annotated

import typer

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
    profile_shell_weights,
    required,
    with_documents,
    write_and_print,
)


@with_documents  # --label, --record and the prescription options (options.py)
def capsule_command(
    strength: Annotated[
        str | None,
        typer.Option(
            metavar="DOSE", help="Naltrexone HCl per capsule: 4.5mg, 1.5mg.", show_default=False
        ),
    ] = None,
    quantity: Annotated[
        str | None,
        typer.Option(metavar="N", help="Capsules dispensed, 1 to 1,000.", show_default=False),
    ] = None,
    overage: Annotated[
        str | None,
        typer.Option(
            metavar="N|PERCENT",
            help="Extra capsules made for losses: a count (2) or a percentage (5%).",
            show_default="the formulation's, 1",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            metavar="api|tablets",
            help="What the drug comes from: api (bulk powder) or tablets.",
            show_default="api",
        ),
    ] = None,
    salt: Annotated[
        str,
        typer.Option(metavar="FORM", help="Form of the API powder: hcl, hcl-dihydrate or base."),
    ] = "hcl",
    assay: Annotated[
        str | None,
        typer.Option(
            metavar="PERCENT",
            help="Assay of the API lot, from its certificate of analysis (90 to 110 %).",
            show_default="100%",
        ),
    ] = None,
    assay_as: Annotated[
        str | None,
        typer.Option(
            metavar="FORM",
            help="What the certificate expresses the assay as: hcl, hcl-dihydrate or base.",
            show_default="the powder's form; hcl on the anhydrous basis",
        ),
    ] = None,
    assay_basis: Annotated[
        str | None,
        typer.Option(
            metavar="BASIS",
            help="Basis of the assay on the certificate: as-is, or anhydrous (dried), which "
            "needs --water.",
            show_default="as-is",
        ),
    ] = None,
    water: Annotated[
        str | None,
        typer.Option(
            metavar="PERCENT",
            help="Water of the lot (Karl Fischer, or loss on drying), from the certificate: "
            "0 to 15 %; with --assay-basis anhydrous.",
            show_default=False,
        ),
    ] = None,
    size: Annotated[
        str | None,
        typer.Option(
            metavar="SIZE",
            help="Capsule size: 000, 00, 0, 1, 2, 3, 4 or 5.",
            show_default="the formulation's",
        ),
    ] = None,
    filler: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="Filler id: mcc, mcc-ph301 or lactose.",
            show_default="the formulation's, mcc",
        ),
    ] = None,
    shell: Annotated[
        str | None,
        typer.Option(
            metavar="MATERIAL",
            help="Capsule shell: gelatin or hpmc (vegetarian).",
            show_default="the formulation's, gelatin",
        ),
    ] = None,
    shell_weight: Annotated[
        str | None,
        typer.Option(
            metavar="MASS",
            help="Weight of one empty shell: the average of 10 weighed (for the gross weight "
            "of a filled capsule).",
            show_default="the pharmacy profile's, else the catalog's typical weight",
        ),
    ] = None,
    fill_weight: Annotated[
        str | None,
        typer.Option(
            metavar="MASS",
            help="Packing statistic: mg of filler alone that one capsule holds.",
            show_default="capsule volume × filler bulk density",
        ),
    ] = None,
    tablet_weight: Annotated[
        str | None,
        typer.Option(
            metavar="MASS",
            help="Average weight of one tablet (needed with --source tablets).",
            show_default=False,
        ),
    ] = None,
    tablet_strength: TabletStrengthOption = None,
    balance_sensitivity: BalanceSensitivityOption = None,
    doses_per_day: DosesPerDayOption = "1",
    formulation: FormulationOption = None,
    formulations_dir: FormulationsDirOption = None,
    json: JsonOption = False,
    fhir: FhirOption = None,
    fhir_version: FhirVersionOption = None,
    *,
    documents: Documents,
) -> None:
    """Capsules: API or tablet powder to weigh, filler, net fill weight and gross weight, BUD.

    \b
    Example:
      ldncalc capsule --strength 4.5mg --quantity 30
    """
    from ldncalc.preparations.capsule import (
        capsule,  # imported here: each command builds only its own models
    )

    prepared = documents.prepare(fhir=fhir)  # a bad date or a missing profile stops early
    version = check_fhir(fhir, fhir_version, force=documents.force)
    result = capsule(
        strength=required(strength, "--strength", "4.5mg"),
        quantity=required(quantity, "--quantity", "30"),
        overage=overage,
        doses_per_day=doses_per_day,
        source=source,
        salt=salt,
        assay=assay,
        assay_as=assay_as,
        assay_basis=assay_basis,
        water=water,
        size=size,
        shell=shell,
        shell_weight=(
            shell_weight
            if shell_weight is not None
            else profile_shell_weights(prepared, documents.pharmacy)
        ),
        filler=filler,
        fill_weight=fill_weight,
        tablet_weight=tablet_weight,
        tablet_strength=tablet_strength,
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
