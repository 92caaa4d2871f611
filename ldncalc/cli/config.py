"""``ldncalc config``: the pharmacy profile that labels and records are printed with."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="The pharmacy profile printed on labels and records: name, address, phone, label size."
    "\n\n\b\nExample:\n  ldncalc config show",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PharmacyFileOption = Annotated[
    str | None,
    typer.Option(
        "--pharmacy",
        metavar="FILE",
        help="Profile file to use.",
        show_default="pharmacy.toml in the configuration folder ($LDNCALC_CONFIG_DIR)",
    ),
]


@app.command("init")
def init_command(
    name: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Pharmacy name, as on the label.", show_default=False),
    ] = None,
    address: Annotated[
        list[str] | None,
        typer.Option(
            metavar="LINE",
            help="One line of the address (repeat for each line, 1 to 4).",
            show_default=False,
        ),
    ] = None,
    phone: Annotated[
        str | None, typer.Option(metavar="PHONE", help="Phone number.", show_default=False)
    ] = None,
    pharmacist: Annotated[
        str, typer.Option(metavar="TEXT", help="Pharmacist in charge, for the compounding record.")
    ] = "",
    label_size: Annotated[
        str,
        typer.Option(
            metavar="SIZE", help="Label stock, WIDTHxHEIGHT in in or mm: 4x2in, 102x51mm."
        ),
    ] = "4x2in",
    paper: Annotated[
        str, typer.Option(metavar="PAPER", help="Compounding record paper: letter or a4.")
    ] = "letter",
    lang: Annotated[
        str, typer.Option(metavar="LANG", help="Label language by default: en or fr.")
    ] = "en",
    balance: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="The balance named on records, e.g. 'Class A balance'.",
            show_default=False,
        ),
    ] = None,
    sensitivity: Annotated[
        str | None,
        typer.Option(
            metavar="MASS", help="Sensitivity of that balance, e.g. 6mg.", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing profile.")] = False,
    pharmacy: PharmacyFileOption = None,
) -> None:
    """Write the pharmacy profile (checked before it is written).

    \b
    Example:
      ldncalc config init --name "Main Street Pharmacy" --address "12 Main St" --phone 555-0100
    """
    from pathlib import Path

    from ldncalc.config_paths import path_kind, profile_option
    from ldncalc.errors import InputError
    from ldncalc.labels.files import write_atomic
    from ldncalc.locale import Voice
    from ldncalc.locale.log_screen import say
    from ldncalc.profile import default_path, make_profile, profile_toml

    path = Path(pharmacy) if pharmacy is not None else default_path()
    if path_kind(path, profile_option(pharmacy)) != "missing" and not force:
        raise InputError("--pharmacy", str(path), code="profile-exists")
    profile = make_profile(
        name=name,
        address=address or [],
        phone=phone,
        pharmacist=pharmacist,
        lang=lang,
        paper=paper,
        label_size=label_size,
        balance=balance,
        sensitivity=sensitivity,
    )
    if pharmacy is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, profile_toml(profile).encode("utf-8"), option="--pharmacy", force=force)
    # said in the profile's language: a French profile is a French-speaking pharmacy's (its
    # refusals above stay in the command's language: --lang here is the labels' language)
    typer.echo(say(Voice(profile.lang, "cli"), "profile-written", path=path))


@app.command("show")
def show_command(
    pharmacy: PharmacyFileOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            metavar="LANG",
            help="Language of a refusal (a profile that cannot be read): en or fr.",
            show_default="en",
        ),
    ] = None,
) -> None:
    """Check the pharmacy profile and show it, with where it is.

    \b
    Example:
      ldncalc config show
    """
    from ldncalc.cli.language import choose

    choose(lang)  # first: a refusal that follows speaks it
    from ldncalc.profile import load_profile, profile_toml

    profile = load_profile(pharmacy)
    typer.echo(f"# {profile.path}")
    typer.echo(profile_toml(profile, hide_password=True), nl=False)
