"""The words of the capsule calculation (:mod:`ldncalc.preparations.capsule`): its steps,
warnings, notes and refusals, in English and in French (Canada)."""

from decimal import Decimal
from typing import Any

from ldncalc.formatting import FACTOR_PLACES
from ldncalc.locale import ENGLISH, Params, Voice, render_step, words
from ldncalc.locale.common import catalog_text, de, ingredient_name, recorded, times_a_day
from ldncalc.units import MG, PCT, Quantity

HUNDRED_PERCENT = Quantity(100, PCT)


def _i(v: Voice, number: int) -> str:
    """A count in a formula, as the English has always written it (``1100``, no separator);
    French through the voice (``1 100``)."""
    return v.n(number) if v.fr else str(number)


def _typed_number(number: Decimal) -> str:
    """A number in a value to type: with its decimal point in every language (``0.5mg``; a
    decimal comma is refused by the parser)."""
    return ENGLISH.n(number)


def _hundred(v: Voice) -> str:
    return v.q(HUNDRED_PERCENT) if v.fr else "100 %"


def _named(v: Voice, parameter: str) -> str:
    """An input named without a value: ``--fill-weight`` on the CLI, ``fill_weight`` in the
    library; a place (``shell_weights.gelatin.1``) as it is."""
    if "." in parameter:
        return parameter
    return v.option(parameter).removesuffix("=")


# -- calculation steps ------------------------------------------------------------------------


@words("capsule-batch")
def _batch(p: Params, v: Voice) -> tuple[str, str, str]:
    count, extra, percent = p["quantity"], p["overage"], p.get("percent")
    if percent is None:
        overage = _i(v, extra)
    else:
        of = "de" if v.fr else "of"
        overage = f"{v.q(percent)} {of} {_i(v, count)} ({v.n(p['exact'], 2)} → {_i(v, extra)})"
    calculation = f"{_i(v, count)} + {overage} = {v.counted(p['batch'], 'capsule')}"
    if v.fr:
        return "Nombre à préparer", "quantité + excédent", calculation
    return "Batch", "quantity + overage", calculation


@words("capsule-packing-statistic")
def _packing(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['volume'])} × {v.q(p['bulk_density'])} = {v.q(p['packing'])}"
    if v.fr:
        formula = "volume d'une capsule × masse volumique apparente du diluant"
        return "Capacité en diluant", formula, calculation
    return "Packing statistic", "capsule volume × filler bulk density", calculation


_FACTOR_FORMULAS = {
    ("en", False, False): "assay, as is",
    ("en", True, False): "assay, anhydrous basis × (100 % − water)",
    ("en", False, True): "assay, as is × molar mass of naltrexone HCl ÷ molar mass of the form "
    "assayed",
    ("en", True, True): "assay, anhydrous basis × (100 % − water) × molar mass of naltrexone "
    "HCl ÷ molar mass of the form assayed",
    ("fr", False, False): "titre, tel quel",
    ("fr", True, False): "titre, base anhydre × (100 % − eau)",
    ("fr", False, True): "titre, tel quel × masse molaire du chlorhydrate de naltrexone ÷ masse "
    "molaire de la forme titrée",
    ("fr", True, True): "titre, base anhydre × (100 % − eau) × masse molaire du chlorhydrate "
    "de naltrexone ÷ masse molaire de la forme titrée",
}


@words("capsule-factor")
def _factor(p: Params, v: Voice) -> tuple[str, str, str]:
    water, salt = p.get("water"), p.get("hcl_molar_mass") is not None
    terms = [v.q(p["assay"])]
    if water is not None:
        terms.append(f"({_hundred(v)} − {v.q(water)})")
    if salt:
        terms.append(f"{v.q(p['hcl_molar_mass'], 2)} ÷ {v.q(p['form_molar_mass'], 2)}")
    calculation = f"{' × '.join(terms)} = {v.n(p['factor'], FACTOR_PLACES)}"
    formula = _FACTOR_FORMULAS[(v.lang, water is not None, salt)]
    return ("Facteur" if v.fr else "Factor"), formula, calculation


@words("capsule-api-to-weigh")
def _api(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['strength'])} × {_i(v, p['batch'])} ÷ {v.n(p['factor'], FACTOR_PLACES)} = "
        f"{v.q(p['api_weight'])}"
    )
    if v.fr:
        return "Substance active à peser", "teneur × nombre ÷ facteur", calculation
    return "API to weigh", "strength × batch ÷ factor", calculation


@words("capsule-tablets-to-crush")
def _tablets(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['strength'])} × {_i(v, p['batch'])} ÷ {v.q(p['tablet_strength'])} = "
        f"{v.q(p['exact'])} → {v.counted(p['tablets'], 'tablet')}"
    )
    if v.fr:
        formula = "teneur × nombre ÷ teneur d'un comprimé, arrondi à l'unité supérieure"
        return "Comprimés à broyer", formula, calculation
    return "Tablets to crush", "strength × batch ÷ tablet strength, rounded up", calculation


@words("capsule-tablet-powder")
def _tablet_powder(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['strength'])} × {_i(v, p['batch'])} ÷ {v.q(p['tablet_strength'])} × "
        f"{v.q(p['tablet_weight'])} = {v.q(p['powder'])}"
    )
    if v.fr:
        formula = "teneur × nombre ÷ teneur d'un comprimé × masse d'un comprimé"
        return "Poudre de comprimés à peser", formula, calculation
    formula = "strength × batch ÷ tablet strength × tablet weight"
    return "Tablet powder to weigh", formula, calculation


@words("capsule-minimum-weighable")
def _minimum(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['sensitivity'])} ÷ {v.q(p['error'])} = {v.q(p['minimum_weighable'])}"
    if v.fr:
        formula = "sensibilité de la balance ÷ erreur acceptable"
        return "Quantité minimale pesable", formula, calculation
    return "Minimum weighable quantity", "balance sensitivity ÷ acceptable error", calculation


@words("capsule-trituration")
def _trituration(p: Params, v: Voice) -> tuple[str, str, str]:
    one_in = "1 dans" if v.fr else "1 in"
    calculation = (
        f"{v.q(p['weighed'])} + {v.q(p['filler'])} = {v.q(p['mixture'])}, "
        f"{one_in} {_i(v, p['factor'])}"
    )
    name = f"Trituration {_i(v, p['number'])}"
    if v.fr:
        return name, "pesé + diluant = mélange, 1 dans facteur", calculation
    return name, "weighed + filler = mixture, 1 in factor", calculation


@words("capsule-aliquot")
def _aliquot(p: Params, v: Voice) -> tuple[str, str, str]:
    factors = " × ".join(_i(v, factor) for factor in p["factors"])
    figures = f"{v.q(p['needed'])} × {factors} = {v.q(p['aliquot'])}"
    if v.fr:
        calculation = f"{figures} (dont {v.q(p['aliquot_filler'])} de diluant)"
        return "Aliquote", "poudre nécessaire × facteurs", calculation
    calculation = f"{figures} ({v.q(p['aliquot_filler'])} of it filler)"
    return "Aliquot", "powder needed × factors", calculation


@words("capsule-tablets-for-losses")
def _for_losses(p: Params, v: Voice) -> tuple[str, str, str]:
    usable = v.q(p["usable"])
    calculation = (
        f"{v.q(p['weighed'])} ÷ ({v.q(p['tablet_weight'])} × {usable}) = {v.n(p['exact'])} → "
        f"{v.counted(p['tablets'], 'tablet')}"
    )
    if v.fr:
        formula = f"poudre à peser ÷ (masse d'un comprimé × {usable}), arrondi à l'unité supérieure"
        return "Comprimés à broyer, pertes comprises", formula, calculation
    formula = f"powder to weigh ÷ (tablet weight × {usable}), rounded up"
    return "Tablets to crush, allowing for losses", formula, calculation


@words("capsule-filler")
def _filler(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{_i(v, p['batch'])} × {v.q(p['packing'])} − {v.q(p['active'])} = {v.q(p['filler'])}"
    )
    if v.fr:
        name = "Diluant dans le lot" if p["aliquot"] else "Diluant à peser"
        return name, "nombre × capacité en diluant − poudre active", calculation
    name = "Filler in the batch" if p["aliquot"] else "Filler to weigh"
    return name, "batch × packing statistic − active powder", calculation


@words("capsule-net-fill-weight")
def _net(p: Params, v: Voice) -> tuple[str, str, str]:
    to = "à" if v.fr else "to"
    calculation = (
        f"({v.q(p['active'])} + {v.q(p['filler'])}) ÷ {_i(v, p['batch'])} = "
        f"{v.q(p['packing'])} ({v.q(p['low'])} {to} {v.q(p['high'])})"
    )
    tolerance = v.q(p["tolerance"])
    if v.fr:
        formula = f"(poudre active + diluant) ÷ nombre, ± {tolerance}"
        return "Masse nette de remplissage", formula, calculation
    return "Net fill weight", f"(active powder + filler) ÷ batch, ± {tolerance}", calculation


@words("capsule-gross-weight")
def _gross(p: Params, v: Voice) -> tuple[str, str, str]:
    to = "à" if v.fr else "to"
    calculation = (
        f"{v.q(p['packing'])} + {v.q(p['shell_weight'])} = {v.q(p['gross'])} "
        f"({v.q(p['low'])} {to} {v.q(p['high'])})"
    )
    if v.fr:
        return "Masse brute", "masse nette de remplissage + capsule vide", calculation
    return "Gross weight", "net fill weight + empty shell", calculation


@words("capsule-filler-to-add")
def _to_add(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['filler'])} − {v.q(p['aliquot_filler'])} = {v.q(p['filler_to_add'])}"
    if v.fr:
        formula = "diluant − diluant de l'aliquote"
        return "Diluant à ajouter à l'aliquote", formula, calculation
    return "Filler to add to the aliquot", "filler − filler in the aliquot", calculation


# -- warnings and notes -----------------------------------------------------------------------


@words("capsule-no-overage")
def _no_overage(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            "Aucune capsule supplémentaire n'est préparée pour les pertes (excédent 0) : la "
            "poudre perdue dans le mortier et au remplissage laisse les dernières capsules "
            f"incomplètes. Solution : {v.option('overage', 1)} ou plus (préparer au moins une "
            "capsule de plus, méthode UNC par arasement)"
        )
    return (
        "No extra capsule is made for losses (overage 0): powder lost in the mortar and the "
        f"capsule filling leaves the last capsules short. Fix: {v.option('overage', 1)} or more "
        "(make at least one extra capsule, UNC punch method)"
    )


@words("capsule-packing-estimated")
def _estimated(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            f"La capacité en diluant {v.q(p['packing'])} est estimée d'après la masse volumique "
            f"apparente {de(catalog_text(p['filler'], v))}; pesez le diluant qui remplit "
            f"une capsule de taille {p['size']} et indiquez {_named(v, 'fill_weight')} pour "
            "utiliser la valeur réelle"
        )
    return (
        f"The packing statistic {v.q(p['packing'])} is estimated from the bulk density of "
        f"{p['filler']}; weigh the filler that fills one size {p['size']} capsule and give "
        f"{_named(v, 'fill_weight')} to use the real figure"
    )


@words("capsule-filler-caution")
def _caution(p: Params, v: Voice) -> str:
    # the caution is the reference catalog's own text, in French where the catalog gives it
    if v.fr:
        return f"Diluant {catalog_text(p['filler'], v)} : {catalog_text(p['caution'], v)}"
    return f"Filler {p['filler']}: {p['caution']}"


def _balance(p: Params, v: Voice) -> str:
    """``(balance sensitivity 6 mg, 5 % error)``."""
    if v.fr:
        return f"(sensibilité de la balance {v.q(p['sensitivity'])}, erreur {v.q(p['error'])})"
    return f"(balance sensitivity {v.q(p['sensitivity'])}, {v.q(p['error'])} error)"


@words("capsule-weighed-by-aliquot")
def _by_aliquot(p: Params, v: Voice) -> str:
    powder, directly = p.get("powder"), p.get("directly")
    if v.fr:
        powder = catalog_text(powder, v) if powder else powder
        what = powder or "poudre de comprimés"
        larger = (
            f"; ou préparez un lot d'au moins {v.counted(directly, 'capsule')} pour la peser "
            "directement"
            if directly is not None
            else ""
        )
        return (
            f"{v.q(p['active'])} {de(what)} est sous la quantité minimale pesable "
            f"{v.q(p['minimum_weighable'])} {_balance(p, v)} : la pesée se fait par la "
            f"méthode de l'aliquote indiquée{larger}"
        )
    what = powder or "tablet powder"
    larger = (
        f"; or make a batch of at least {v.counted(directly, 'capsule')} to weigh it directly"
        if directly is not None
        else ""
    )
    return (
        f"{v.q(p['active'])} of {what} is below the minimum weighable quantity "
        f"{v.q(p['minimum_weighable'])} {_balance(p, v)}: it is weighed by the aliquot method "
        f"shown{larger}"
    )


@words("capsule-filler-below-minimum-weighable")
def _filler_light(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            f"{v.q(p['filler'])} de diluant est sous la quantité minimale pesable "
            f"{v.q(p['minimum_weighable'])} {_balance(p, v)}. Solution : une capsule de plus "
            f"grande taille, ou un lot plus grand ({_named(v, 'overage')})"
        )
    return (
        f"{v.q(p['filler'])} of filler is below the minimum weighable quantity "
        f"{v.q(p['minimum_weighable'])} {_balance(p, v)}. Fix: a larger capsule size, or a "
        f"larger batch ({_named(v, 'overage')})"
    )


@words("capsule-supply-outlasts-bud")
def _supply(p: Params, v: Voice) -> str:
    doses, per_day, bud = p["doses"], p["doses_per_day"], p["bud_days"]
    usable = bud * per_day
    days = doses // per_day
    fix = v.option("quantity", usable)
    if v.fr:
        return (
            f"Le contenant renferme {v.counted(doses, 'dose')} ({v.counted(days, 'day')} à "
            f"{_i(v, per_day)} par jour), mais la date limite d'utilisation est de "
            f"{v.counted(bud, 'day')} : {v.counted(doses - usable, 'dose')} seront jetées. "
            f"Solution : servir au plus {v.counted(usable, 'capsule')} ({fix})"
        )
    return (
        f"The vial holds {v.counted(doses, 'dose')} ({v.counted(days, 'day')} at "
        f"{per_day} a day) but the BUD is {v.counted(bud, 'day')}: "
        f"{v.counted(doses - usable, 'dose')} will be discarded. Fix: dispense at most "
        f"{_i(v, usable)} capsules ({_named(v, 'quantity')})"
    )


@words("capsule-no-shell-weight")
def _no_shell(p: Params, v: Voice) -> str:
    material = _MATERIALS[v.lang][p["shell"]]
    if v.fr:
        return (
            "Le catalogue des capsules ne donne pas de masse de capsule vide pour la taille "
            f"{p['size']} ({material}) : pesez 10 capsules vides et indiquez leur moyenne "
            f"avec {_named(v, 'shell_weight')} pour la masse brute d'une capsule remplie"
        )
    return (
        f"The capsule catalog has no empty-shell weight for size {p['size']} ({material}): "
        f"weigh 10 empty shells and give their average with {_named(v, 'shell_weight')} for "
        "the gross weight of a filled capsule"
    )


_MATERIALS: dict[str, dict[str, str]] = {
    "en": {"gelatin": "gelatin", "hpmc": "hpmc"},
    "fr": {"gelatin": "gélatine", "hpmc": "HPMC"},
}


@words("capsule-shell-weight-unusual")
def _shell_far(p: Params, v: Voice) -> str:
    material = _MATERIALS[v.lang][p["shell"]]
    given = _named(v, p["given_as"])
    if v.fr:
        return (
            f"La capsule vide pèse {v.q(p['shell_weight'])} ({given}), loin des "
            f"{v.q(p['typical'])} habituels d'une capsule de taille {p['size']} en {material} : "
            f"vérifiez la taille de capsule ({_named(v, 'size')}) et le matériau de "
            f"la capsule vide ({_named(v, 'shell')})"
        )
    return (
        f"The empty shell weighs {v.q(p['shell_weight'])} ({given}), far from the "
        f"{v.q(p['typical'])} typical of a size {p['size']} {material} shell: check the capsule "
        f"size ({_named(v, 'size')}) and the shell material ({_named(v, 'shell')})"
    )


@words("capsule-fill-weight-unusual")
def _fill_far(p: Params, v: Voice) -> str:
    density = _density(p["density"], v)
    low, high = v.q(p["low"]), v.q(p["high"])
    if v.fr:
        return (
            f"{_named(v, 'fill_weight')} {v.q(p['packing'])} correspond à {density} de "
            f"{catalog_text(p['filler'], v)}, hors de sa plage habituelle de {low} à {high} : "
            "vérifiez la pesée et la taille de capsule"
        )
    return (
        f"{_named(v, 'fill_weight')} {v.q(p['packing'])} means {density} of {p['filler']}, "
        f"outside its usual {low} to {high}: check the weighing and the capsule size"
    )


def _density(density: Any, v: Voice) -> str:
    """A bulk density to three significant figures: ``305 mg/mL``, ``0.3 mg/mL``."""
    magnitude: Decimal = density.magnitude
    return v.q(density, max(0, 2 - magnitude.adjusted()))


@words("capsule-crush-for-losses")
def _crush(p: Params, v: Voice) -> str:
    margin = _margin(p, v)
    if v.fr:
        return (
            f"Broyer {v.counted(p['tablets'], 'tablet')}, et non les {_i(v, p['holding'])} qui "
            f"contiennent le médicament : {v.q(p['weighed'])} de poudre y est pesé, {margin}"
        )
    return (
        f"Crush {p['tablets']} tablets, not the {p['holding']} that hold the drug: "
        f"{v.q(p['weighed'])} of powder is weighed from them, {margin}"
    )


@words("capsule-crush-for-aliquot")
def _crush_aliquot(p: Params, v: Voice) -> str:
    margin = "" if p["enough"] else f", {_margin(p, v)}"
    if v.fr:
        return (
            f"Broyer {v.counted(p['tablets'], 'tablet')} : la méthode de l'aliquote pèse "
            f"{v.q(p['weighed'])}{margin}"
        )
    return f"Crush {p['tablets']} tablets: the aliquot method weighs {v.q(p['weighed'])}{margin}"


def _margin(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            f"au plus {v.q(p['usable'])} de la poudre broyée ({v.q(p['allowance'])} prévus "
            "pour les pertes dans le mortier)"
        )
    return (
        f"at most {v.q(p['usable'])} of the powder crushed ({v.q(p['allowance'])} allowed for "
        "losses in the mortar)"
    )


@words("capsule-water-suggests-hydrate")
def _hydrate(p: Params, v: Voice) -> str:
    salt, hydrate = v.option("salt", p["form_id"]), v.option("salt", p["hydrate_id"])
    if v.fr:
        return (
            f"Une eau de {v.q(p['water'])} sur un lot de {p['form']} ({salt}) est celle d'un "
            f"hydrate : le {p['hydrate']} en contient {v.q(p['hydrate_water'])} en théorie. "
            "Vérifiez la forme sur le certificat d'analyse, et indiquez "
            f"{hydrate} si c'est celle-là : le facteur tiré d'un titre sur base anhydre et de "
            "l'eau est le même pour l'une ou l'autre forme, la forme que nomme la fiche ne "
            "l'est pas"
        )
    return (
        f"Water {v.q(p['water'])} on a lot of {p['form']} ({salt}) is a hydrate's: "
        f"{p['hydrate']} holds {v.q(p['hydrate_water'])} in theory. Check the form on the "
        f"certificate of analysis, and give {hydrate} if it is that one: the factor from an "
        "anhydrous-basis assay and the water is the same for either form, the form the record "
        "names is not"
    )


@words("capsule-water-far-from-hydrate")
def _far_from_hydrate(p: Params, v: Voice) -> str:
    salt, anhydrous = v.option("salt", p["form_id"]), v.option("salt", p["anhydrous_id"])
    if v.fr:
        return (
            f"Une eau de {v.q(p['water'])} sur un lot de {p['form']} ({salt}) est loin des "
            f"{v.q(p['hydrate_water'])} qu'il contient en théorie. Vérifiez la forme et l'eau "
            f"sur le certificat d'analyse, et indiquez {anhydrous} si le lot est du "
            f"{p['anhydrous']} : le facteur tiré d'un titre sur base anhydre et de l'eau est le "
            "même pour l'une ou l'autre forme, la forme que nomme la fiche ne l'est pas"
        )
    return (
        f"Water {v.q(p['water'])} on a lot of {p['form']} ({salt}) is far from the "
        f"{v.q(p['hydrate_water'])} it holds in theory. Check the form and the water on the "
        f"certificate of analysis, and give {anhydrous} if the lot is {p['anhydrous']}: the "
        "factor from an anhydrous-basis assay and the water is the same for either form, the "
        "form the record names is not"
    )


# -- refusals ---------------------------------------------------------------------------------

_CHOICES: dict[str, dict[str, str]] = {
    # what a value is not, by kind of choice
    "en": {
        "source": "is not a source",
        "size": "is not a capsule size",
        "filler": "is not a filler in the catalog",
        "shell": "is not a capsule shell material",
        "api-form": "is not an API form",
    },
    "fr": {
        "source": "n'est pas une source",
        "size": "n'est pas une taille de capsule",
        "filler": "n'est pas un diluant du catalogue",
        "shell": "n'est pas un matériau de capsule",
        "api-form": "n'est pas une forme de substance active",
    },
}


def _choices_fix(p: Params, v: Voice) -> str:
    """What a choice accepts: ``use api or tablets``, ``use one of 5, 4, 3…``."""
    choices = ", ".join(p["choices"])
    either = (" ou " if v.fr else " or ").join(p["choices"])
    use = "utilisez" if v.fr else "use"
    what = p["what"]
    if what == "source":
        return f"{use} {either}"
    if what == "shell":
        return (
            f"{use} {either} (HPMC : végétarienne)"
            if v.fr
            else f"{use} {either} (HPMC: vegetarian)"
        )
    if what == "filler":
        return f"{use} {choices}"
    one_of = "l'une de" if v.fr else "one of"
    return f"{use} {one_of} {choices}"


@words("capsule-unknown-choice")
def _unknown(p: Params, v: Voice) -> tuple[str, str]:
    return _CHOICES[v.lang][p["what"]], _choices_fix(p, v)


@words("capsule-empty-choice")
def _empty(p: Params, v: Voice) -> tuple[str, str]:
    return ("est vide" if v.fr else "is empty"), _choices_fix(p, v)


@words("capsule-size-not-text")
def _size_number(p: Params, v: Voice) -> tuple[str, str]:
    sizes, size = ", ".join(p["choices"]), p.get("size")
    if v.fr:
        example = f", p. ex. « {size} »" if size is not None else ""
        return "est un entier, pas du texte", f"écrivez la taille en texte{example} ({sizes})"
    example = f', e.g. "{size}"' if size is not None else ""
    return "is an int, not text", f"write the size as text{example} ({sizes})"


@words("capsule-tablets-only")
def _tablets_only(p: Params, v: Voice) -> tuple[str, str]:
    tablets = v.option("source", "tablets")
    if v.fr:
        return f"ne s'applique qu'avec {tablets}", f"retirez-la, ou ajoutez {tablets}"
    return f"applies to {tablets} only", f"drop it, or add {tablets}"


@words("capsule-api-only")
def _api_only(p: Params, v: Voice) -> tuple[str, str]:
    tablets = v.option("source", "tablets")
    if v.fr:
        return (
            "ne s'applique qu'à la poudre de substance active",
            f"retirez-la avec {tablets} (les comprimés sont étiquetés en chlorhydrate)",
        )
    return "applies to API powder only", f"drop it with {tablets} (tablets are labelled as HCl)"


@words("capsule-batch-smaller-than-aliquot")
def _batch_small(p: Params, v: Voice) -> tuple[str, str]:
    sensitivity = _named(v, "balance_sensitivity")
    if v.fr:
        return (
            f"donne {v.q(p['powder'])} de poudre, pas plus que l'aliquote de "
            f"{v.q(p['aliquot'])} qui contient le médicament",
            f"préparez un lot plus grand, ou indiquez une {sensitivity} plus fine",
        )
    return (
        f"makes {v.q(p['powder'])} of powder, no more than the {v.q(p['aliquot'])} aliquot that "
        "holds the drug",
        f"make a larger batch, or give a more sensitive {sensitivity}",
    )


@words("capsule-overage-too-high")
def _overage_high(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"dépasse {v.q(p['maximum'])}",
            "écrivez un nombre (p. ex. 2) ou un pourcentage plus petit (p. ex. 5%)",
        )
    return (
        f"is above {v.q(p['maximum'])}",
        "write a count (e.g. 2) or a smaller percentage (e.g. 5%)",
    )


@words("capsule-filler-avoided")
def _avoided(p: Params, v: Voice) -> tuple[str, str]:
    # the reason is the reference catalog's own text, in French where the catalog gives it
    if v.fr:
        return f"ne doit pas être utilisé : {catalog_text(p['reason'], v)}", _choices_fix(p, v)
    return f"must not be used: {p['reason']}", _choices_fix(p, v)


@words("capsule-tablet-weight-needed")
def _tablet_weight_needed(p: Params, v: Voice) -> tuple[str, str]:
    tablets, example = v.option("source", "tablets"), v.option("tablet_weight", "250mg")
    if v.fr:
        return (
            f"est requise avec {tablets}",
            f"pesez 10 comprimés et indiquez la moyenne, p. ex. {example}",
        )
    return f"is needed with {tablets}", f"weigh 10 tablets and give the average, e.g. {example}"


@words("capsule-tablet-weight-below-strength")
def _tablet_light(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"est inférieure aux {v.q(p['tablet_strength'])} de médicament d'un comprimé",
            "indiquez la masse moyenne d'un comprimé entier",
        )
    return (
        f"is less than the {v.q(p['tablet_strength'])} of drug a tablet holds",
        "give the average weight of one whole tablet",
    )


@words("capsule-tablet-weight-too-high")
def _tablet_heavy(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"dépasse {v.q(p['maximum'])}",
            "indiquez la masse d'un comprimé en mg, p. ex. 250mg",
        )
    return f"is more than {v.q(p['maximum'])}", "give the weight of one tablet in mg, e.g. 250mg"


@words("capsule-fill-weight-implausible")
def _fill_implausible(p: Params, v: Voice) -> tuple[str, str]:
    size, density = p["size"], _density(p["density"], v)
    low, high, about = v.q(p["low"]), v.q(p["high"]), v.q(p["estimate"])
    slip = ""
    weighed = p.get("weighed")
    if weighed is not None:  # 150mcg for 150mg
        in_mg, typed = v.q(p["in_mg"]), f"{_typed_number(weighed.magnitude)}mg"
        as_mg = v.q(weighed, unit=MG)
        slip = (
            f"; {v.q(weighed)} font {as_mg} : pour {in_mg}, écrivez {typed}"
            if v.fr
            else f"; {v.q(weighed)} is {as_mg}: for {in_mg} write {typed}"
        )
    if v.fr:
        return (
            f"dans une capsule de taille {size} ({v.q(p['volume'])}) donne une poudre de "
            f"{density}, hors de {low} à {high}",
            f"pesez le diluant qui remplit une capsule de taille {size} (environ {about} de "
            f"{catalog_text(p['filler'], v)}){slip}",
        )
    return (
        f"in a size {size} capsule ({v.q(p['volume'])}) means a powder of {density}, outside "
        f"{low} to {high}",
        f"weigh the filler that fills one size {size} capsule (about {about} of "
        f"{p['filler']}){slip}",
    )


@words("capsule-shell-weight-implausible")
def _shell_implausible(p: Params, v: Voice) -> tuple[str, str]:
    low, high, example = v.q(p["minimum"]), v.q(p["maximum"]), v.typed(p["example"])
    if v.fr:
        return (
            f"est hors de {low} à {high}, la masse d'une capsule dure vide",
            f"pesez 10 capsules vides et indiquez leur moyenne en mg, p. ex. {example}",
        )
    return (
        f"is outside {low} to {high}, the weight of one empty hard capsule",
        f"weigh 10 empty shells and give their average in mg, e.g. {example}",
    )


@words("capsule-shell-weight-table")
def _shell_table(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "n'est ni une masse, ni une table de masses de capsules par matériau et par taille",
            "indiquez la masse moyenne de 10 capsules vides, p. ex. 76mg",
        )
    return (
        "is not a mass, nor a table of shell weights by material and size",
        "give the average weight of 10 empty shells, e.g. 76mg",
    )


@words("capsule-does-not-fit")
def _does_not_fit(p: Params, v: Voice) -> tuple[str, str]:
    powder, size, packing = v.q(p["powder"]), p["size"], v.q(p["packing"])
    filler = catalog_text(p["filler"], v)
    if v.fr:
        problem = (
            f"ne tient pas : {powder} de poudre par capsule, mais une capsule de taille {size} "
            f"contient {packing} {de(filler)}"
            if p["over"]
            else f"ne laisse pas de place au diluant : {powder} de poudre par capsule remplit "
            f"à elle seule une capsule de taille {size} ({packing} {de(filler)})"
        )
    else:
        problem = (
            f"does not fit: {powder} of powder a capsule, but a size {size} capsule holds "
            f"{packing} of {filler}"
            if p["over"]
            else f"leaves no room for filler: {powder} of powder a capsule fills a size {size} "
            f"capsule on its own ({packing} of {filler})"
        )
    fits = p.get("fits")
    if fits is None:
        api = v.option("source", "api")
        if v.fr:
            return problem, (
                f"aucune taille de capsule ne la contient; utilisez la poudre de substance "
                f"active ({api}) ou une teneur plus faible"
            )
        return problem, (f"no capsule size holds it; use API powder ({api}) or a lower strength")
    use, holds = v.option("size", fits), v.q(p["holds"])
    fill = _named(v, "fill_weight")
    if v.fr:
        fix = f"utilisez {use} (contient environ {holds})"
        if p["weighed"]:
            fix += f" et pesez la {fill} d'une capsule de taille {fits}"
        return problem, fix
    fix = f"use {use} (holds about {holds})"
    if p["weighed"]:
        fix += f" and weigh the {fill} of a size {fits} capsule"
    return problem, fix


# -- refusals of the aliquot method (capsules and liquids weigh by it) ------------------------


@words("aliquot-balance-sensitivity-outside")
def _sensitivity(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["minimum"]), v.q(p["maximum"])
    if v.fr:
        return (
            f"est hors de {low} à {high}",
            "indiquez la sensibilité de la balance en mg, p. ex. 6mg (une balance de "
            "prescription de classe III)",
        )
    return (
        f"is outside {low} to {high}",
        "give the balance's sensitivity in mg, e.g. 6mg (a class III prescription balance)",
    )


@words("aliquot-nothing-to-weigh")
def _nothing(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "ne laisse rien à peser", "indiquez une quantité de poudre positive"
    return "is nothing to weigh", "give a positive amount of powder"


@words("aliquot-weigh-directly")
def _directly(p: Params, v: Voice) -> tuple[str, str]:
    minimum, needed = v.q(p["minimum_weighable"]), v.q(p["needed"])
    if v.fr:
        return (
            f"donne une quantité minimale pesable de {minimum}, pas au-dessus de {needed}",
            "pesez la poudre directement",
        )
    return (
        f"gives a minimum weighable quantity of {minimum}, not above {needed}",
        "weigh the powder directly",
    )


@words("aliquot-too-small")
def _too_small(p: Params, v: Voice) -> tuple[str, str]:
    amount, minimum, times = v.q(p["needed"]), v.q(p["minimum_weighable"]), v.n(p["times"])
    sensitivity = _named(v, "balance_sensitivity")
    if v.fr:
        powder = p["powder"] if p["powder"] != "tablet powder" else "poudre de comprimés"
        return (
            f"donne {amount} {de(powder)} dans le lot, plus de {times} fois sous la quantité "
            f"minimale pesable {minimum}",
            f"préparez un lot plus grand, ou utilisez une balance plus sensible ({sensitivity})",
        )
    return (
        f"makes {amount} of {p['powder']} in the batch, more than {times} times below the "
        f"minimum weighable quantity {minimum}",
        f"make a larger batch, or use a more sensitive balance ({sensitivity})",
    )


# -- refusals of the certificate of analysis --------------------------------------------------


@words("capsule-unknown-assay-basis")
def _unknown_basis(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "n'est pas une base de titrage",
            "utilisez as-is, anhydrous ou dried (comme le certificat d'analyse exprime le titre)",
        )
    return (
        "is not a basis of an assay",
        "use as-is, anhydrous or dried (as the certificate of analysis states the assay)",
    )


@words("capsule-percent-without-unit")
def _no_unit(p: Params, v: Voice) -> tuple[str, str]:
    problem = "n'a pas d'unité" if v.fr else "has no unit"
    reading, number = p["reading"], p.get("percent", 0)
    if reading == "percent":
        typed = _typed_number(number)
        fix = f"écrivez {typed}% (unités : %)" if v.fr else f"write {typed}% (units: %)"
    elif reading == "fraction":
        fix = (
            f"écrivez {_typed_number(number)}% (unités : %), en lisant {p['digits']} comme une "
            "fraction"
            if v.fr
            else f"write {_typed_number(number)}% (units: %), reading {p['digits']} as a fraction"
        )
    else:
        low, high = v.q(p["low"]), v.q(p["high"])
        fix = (
            f"écrivez un pourcentage de {low} à {high}, p. ex. 98.5%"
            if v.fr
            else f"write a percentage from {low} to {high}, e.g. 98.5%"
        )
    return problem, fix


@words("capsule-certificate-figure-outside")
def _figure_outside(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["low"]), v.q(p["high"])
    water = p["figure"] == "water"
    if v.fr:
        check = "vérifiez le certificat d'analyse"
        fix = (
            f"{check} (eau, Karl Fischer); écrivez p. ex. 8.6%"
            if water
            else f"{check}; écrivez p. ex. 98.5%"
        )
        return f"est hors de {low} à {high}", fix
    check = "check the certificate of analysis"
    fix = (
        f"{check} (water, Karl Fischer); write e.g. 8.6%" if water else f"{check}; write e.g. 98.5%"
    )
    return f"is outside {low} to {high}", fix


def _lot_fix(p: Params, v: Voice) -> str:
    """Both readings of a certificate, each written out whole: ``if the certificate states the
    assay on the anhydrous basis (USP), give --assay-basis anhydrous and add --water …``."""
    water = _named(v, "water")
    example = v.option("water", p["water_example"])
    readings = (
        ("sur base anhydre (USP)" if v.fr else "on the anhydrous basis (USP)", "anhydrous"),
        ("tel quel" if v.fr else "as is", "as_is"),
    )
    fixes: list[str] = []
    for reading, key in readings:
        options = " ".join(v.option(name, value) for name, value in p[key])
        said = [f"{'indiquez' if v.fr else 'give'} {options}"] if options else []
        if p[f"{key}_water"] == "add":
            said.append(
                f"ajoutez {water} du certificat (p. ex. {example})"
                if v.fr
                else f"add {water} from the certificate (e.g. {example})"
            )
        elif p[f"{key}_water"] == "drop":
            said.append(f"retirez {water}" if v.fr else f"drop {water}")
        if said:
            if v.fr:
                who = "si le certificat" if not fixes else "s'il"
                fixes.append(f"{who} exprime le titre {reading}, {' et '.join(said)}")
            else:
                who = "the certificate" if not fixes else "it"
                fixes.append(f"if {who} states the assay {reading}, {' and '.join(said)}")
    return "; ".join(fixes)


@words("capsule-assay-as-other-form")
def _other_form(p: Params, v: Voice) -> tuple[str, str]:
    salt = v.option("salt", p["form_id"])
    if v.fr:
        return f"n'est pas une forme de la poudre {p['form_id']} pesée ({salt})", _lot_fix(p, v)
    return f"is not a form of the {p['form_id']} powder weighed ({salt})", _lot_fix(p, v)


@words("capsule-hydrate-on-anhydrous-basis")
def _hydrate_anhydrous(p: Params, v: Voice) -> tuple[str, str]:
    assay_as = v.option("assay_as", p["expressed_id"])
    if v.fr:
        return (
            f"contredit {assay_as} : le titre d'un hydrate sur base anhydre retirerait son eau "
            "deux fois",
            _lot_fix(p, v),
        )
    return (
        f"contradicts {assay_as}: a hydrate's assay on the anhydrous basis would remove its "
        "water twice",
        _lot_fix(p, v),
    )


@words("capsule-assay-above-hydrate")
def _above_hydrate(p: Params, v: Voice) -> tuple[str, str]:
    ratio = f"{v.q(p['dry_molar_mass'])} ÷ {v.q(p['form_molar_mass'])} × 102 %"
    if p["assay_given"]:
        assay_as = v.option("assay_as", p["expressed_id"])
        what = f"({assay_as}) est plus que" if v.fr else f"(as {assay_as}) is more than"
    else:
        assay = _named(v, "assay")
        what = (
            f"sans {assay} (100 %) est plus que"
            if v.fr
            else f"with no {assay} (100 %) is more than"
        )
    if v.fr:
        return (
            f"{what} ce qu'une poudre de {p['form']} pesée telle quelle peut contenir : au plus "
            f"{v.q(p['ceiling'])} ({ratio}), donc le titre est sur base anhydre, et le lire tel "
            "quel sous-doserait",
            _lot_fix(p, v),
        )
    return (
        f"{what} what a {p['form']} powder weighed as is can hold: at most "
        f"{v.q(p['ceiling'])} ({ratio}), so the assay is on the anhydrous basis, and reading it "
        "as is would underdose",
        _lot_fix(p, v),
    )


@words("capsule-water-with-as-is")
def _water_as_is(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "ne s'applique qu'à un titre sur base anhydre (séchée) : un titre tel quel compte "
            "déjà l'eau, et la corriger de nouveau surdoserait",
            _lot_fix(p, v),
        )
    return (
        "applies to an assay on the anhydrous (dried) basis only: an as-is assay already counts "
        "the water, and correcting for it again would overdose",
        _lot_fix(p, v),
    )


@words("capsule-anhydrous-needs-water")
def _needs_water(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "exige l'eau du lot : un titre sur base anhydre ne compte aucune eau, et la poudre "
            "pesée en contient",
            _lot_fix(p, v),
        )
    return (
        "needs the lot's water: an assay on the anhydrous basis counts no water, and the "
        "powder weighed holds some",
        _lot_fix(p, v),
    )


@words("capsule-assay-form-unstated")
def _unstated(p: Params, v: Voice) -> tuple[str, str]:
    form, hydrate = p["form_id"], p["hydrate_id"]
    if v.fr:
        return (
            f"de {form} ne précise pas en quoi il est exprimé : en {form} tel quel, ou en "
            f"{hydrate} sur base anhydre (USP), qui diffèrent de son eau",
            _lot_fix(p, v),
        )
    return (
        f"of {form} does not say what it is expressed as: as the {form} as is, or as {hydrate} "
        "on the anhydrous basis (USP), which differ by its water",
        _lot_fix(p, v),
    )


# -- the aliquot method's lines (preparations/capsule/aliquot.py) -----------------------------


def _powder(powder: str, v: Voice) -> str:
    """The powder the aliquot method starts from: the API form, or the tablets' powder."""
    if powder == "tablet powder":
        return "poudre de comprimés" if v.fr else powder
    return catalog_text(powder, v)


@words("capsule-aliquot-mix")
def _aliquot_mix(p: Params, v: Voice) -> str:
    number = p["number"]
    filler, name = v.q(p["filler"]), catalog_text(p["filler_name"], v)
    mixture, factor = v.q(p["mixture"]), v.n(p["factor"])
    if v.fr:
        what = de(_powder(p["powder"], v)) if number == 1 else f"du mélange {number - 1}"
        return (
            f"Peser {v.q(p['weighed'])} {what} et {filler} {de(name)}; mélanger par dilution "
            "géométrique (commencer avec une quantité égale de diluant, puis ajouter le diluant "
            f"par portions égales) : {mixture} de mélange {number}, 1 dans {factor}."
        )
    what = _powder(p["powder"], v) if number == 1 else f"mixture {number - 1}"
    return (
        f"Weigh {v.q(p['weighed'])} of {what} and {filler} of {name}; mix by geometric "
        "dilution (start with an equal amount of filler, then add filler in equal portions): "
        f"{mixture} of mixture {number}, 1 in {factor}."
    )


@words("capsule-aliquot-take")
def _aliquot_take(p: Params, v: Voice) -> str:
    aliquot, number, needed = v.q(p["aliquot"]), p["number"], v.q(p["needed"])
    if v.fr:
        return (
            f"Peser {aliquot} du mélange {number} : il contient {needed} "
            f"{de(_powder(p['powder'], v))}; l'utiliser comme poudre active du lot. Jeter le "
            "reste du mélange."
        )
    return (
        f"Weigh {aliquot} of mixture {number}: it holds {needed} of {p['powder']}: use it as "
        "the drug powder of the batch. Discard the rest of the mixture."
    )


@words("capsule-label-drug")
def _label_drug(p: Params, v: Voice) -> str:
    """The drug line a label, FHIR and the leaflet name capsules by."""
    from ldncalc.locale.phrases import phrases  # the label's tables: loaded when used

    return phrases(v.lang).drug_capsule.format(strength=v.q(p["strength"]))


# -- the parts of the screen, label and record only capsules have ----------------------------
# (ldncalc.preparations.capsule.describe.documents; the record's fixed phrases are the label
# and record tables', ldncalc.locale.phrases)


# The bench screen's words only capsules have, (English, French), their fields filled with
# ``str.format``; the heads of their lines are padded as the screen's
# (:mod:`ldncalc.locale.screen`: 9 characters in English, 12 in French).
_SCREEN: dict[str, tuple[str, str]] = {
    "title-capsule": (
        "Naltrexone HCl {strength} capsules, size {size}: {quantity} (batch of {batch})",
        "Capsules de chlorhydrate de naltrexone {strength}, taille {size} : {quantity} "
        "(lot de préparation de {batch})",
    ),
    "make-capsule": (
        "Make     {batch} ({quantity} + {overage} over), total powder {total}",
        "Préparer    {batch} ({quantity} + {overage} en excédent), poudre totale {total}",
    ),
    "check": (
        "Check    each capsule, on a balance tared with an empty shell:",
        "Contrôle    chaque capsule, sur une balance tarée avec une capsule vide :",
    ),
    "net-fill": (
        "         net fill weight {fill} (accept {low} to {high})",
        "            poids net de remplissage {fill} (accepter de {low} à {high})",
    ),
    "untared-weigh": (
        "         untared: weigh 10 empty {shell} shells and give {option}",
        "            sans tare : peser 10 capsules vides {shell} et donner {option}",
    ),
    "untared-gross": (
        "         untared, a filled capsule weighs {gross} (accept {low} to {high})",
        "            sans tare, une capsule remplie pèse {gross} (accepter de {low} à {high})",
    ),
    "with-shell": (
        "         with a {weight} {shell} shell ({source})",
        "            avec une capsule vide {shell} de {weight} ({source})",
    ),
    "shell": ("size {size} {material}", "de taille {size} en {material}"),
    "gelatin": ("gelatin", "gélatine"),
    "hpmc": ("HPMC", "HPMC"),
    "shell-weighed": ("weighed: {option}", "pesée : {option}"),
    "shell-profile": ("weighed: the pharmacy profile's", "pesée : celle du profil de la pharmacie"),
    "shell-typical": (
        "typical; weigh 10 empty shells for {option}",
        "typique; peser 10 capsules vides pour {option}",
    ),
    "into-batch": ("Into the batch", "Dans le lot de préparation"),
    "tablet-powder-held": ("{powder} of the tablet powder", "{powder} de la poudre de comprimés"),
    "aliquot-line": (
        "  {aliquot} of {mixture}, holding {held}{drug}",
        "  {aliquot} du {mixture}, contenant {held}{drug}",
    ),
    "mixture": ("mixture {number}", "mélange {number}"),
    "first-make": (
        "First make {mixture} (aliquot method): take and weigh",
        "D'abord préparer le {mixture} (méthode de l'aliquote) : prélever et peser",
    ),
}


def say(v: Voice, key: str, **values: Any) -> str:
    """The bench screen's words of capsules, else the screen's shared ones
    (:mod:`ldncalc.locale.screen`, imported when a screen is)."""
    own = _SCREEN.get(key)
    if own is not None:
        return (own[1] if v.fr else own[0]).format(**values)
    from ldncalc.locale import screen

    return screen.say(v, key, **values)


def mass_of(v: Voice, mass: str, name: str) -> str:
    from ldncalc.locale import screen

    return screen.mass_of(v, mass, name)


# The fixed phrases of the label and record only capsules have, (English, French);
# ``{name}`` fields are filled with ``str.format``. The phrases every form's record
# shares are the label and record tables' (:mod:`ldncalc.locale.phrases`).
_PHRASES: dict[str, tuple[Any, Any]] = {
    "take_capsule": (
        "Take 1 capsule by mouth {when}",
        "Prendre 1 capsule par la bouche {when}",
    ),
    "capsule_shells": (
        "Empty hard capsules, size {size}",
        "Capsules dures vides, taille {size}",
    ),
    "shells_of": (
        "{count}, {material}",
        "{count}, {material}",
    ),
    "shell_materials": (
        {"gelatin": "gelatin", "hpmc": "HPMC (vegetarian)"},
        {"gelatin": "gélatine", "hpmc": "HPMC (végétale)"},
    ),
    "holding_drug": (
        "{mass} ({drug} naltrexone HCl)",
        "{mass} ({drug} de naltrexone HCl)",
    ),
    "aliquot_in_batch": (
        "{held} in the batch, as {aliquot} of mixture {n}; for trituration 1: {weighed}",
        "{held} dans le lot, sous forme de {aliquot} du mélange {n}; pour la trituration 1 : "
        "{weighed}",
    ),
    "assay_stated": (
        "{assay}, {basis}, as {form}",
        "{assay}, {basis}, exprimé en {form}",
    ),
    "water_not_used": (
        "not used: the assay is as is (it counts the water)",
        "non utilisée : le titre est tel quel (il compte l'eau)",
    ),
    "api_factor_value": (
        "{formula} = {calculation}",
        "{formula} = {calculation}",
    ),
    "empty_shell": (
        "Empty shell",
        "Capsule vide",
    ),
    "shell_sources": (
        {
            "weighed": "weighed, --shell-weight",
            "profile": "weighed, pharmacy profile",
            "typical": "typical; weigh 10 empty shells for the lot's",
        },
        {
            "weighed": "pesée, --shell-weight",
            "profile": "pesée, profil de la pharmacie",
            "typical": "valeur typique; peser 10 capsules vides pour celle du lot",
        },
    ),
    "estimated": (
        "estimated from the bulk density",
        "estimée d'après la masse volumique apparente",
    ),
    "fill_weight_check": (
        "Net fill weight {weight} (the powder alone: tare the balance with an empty shell): "
        "each capsule's powder must weigh from {low} to {high}",
        "Masse nette de remplissage {weight} (la poudre seule : tarer la balance avec une "
        "capsule vide) : la poudre de chaque capsule doit peser de {low} à {high}",
    ),
    "gross_weight_check": (
        "Gross weight {weight} (a filled capsule, untared; empty shell {shell}): from {low} to "
        "{high}",
        "Masse brute {weight} (capsule remplie, sans tare; capsule vide {shell}) : de {low} "
        "à {high}",
    ),
    "gross_unknown": (
        "Gross weight: weigh 10 empty shells and give --shell-weight (no typical weight known)",
        "Masse brute : peser 10 capsules vides et donner --shell-weight (aucune masse typique "
        "connue)",
    ),
    "capsules_weighed": (
        "Capsules weighed",
        "Capsules pesées",
    ),
    "within_range": (
        "Within range",
        "Conformes",
    ),
    "lightest": (
        "Lightest (net)",
        "La plus légère (nette)",
    ),
    "heaviest": (
        "Heaviest (net)",
        "La plus lourde (nette)",
    ),
    "yield_check": (
        "Yield (expected {expected})",
        "Rendement (attendu {expected})",
    ),
    "see_weighings": (
        "see Weighings",
        "voir Pesées",
    ),
    "trituration_powder": (
        "Trituration {n}: {material}",
        "Trituration {n} : {material}",
    ),
    "trituration_filler": (
        "Trituration {n}: {filler}, to make {mixture} of mixture {n} (1 in {factor})",
        "Trituration {n} : {filler}, pour {mixture} du mélange {n} (1 dans {factor})",
    ),
    "aliquot_weighing": (
        "Aliquot of mixture {n}: it holds {needed} of {powder}",
        "Aliquote du mélange {n} : elle contient {needed} de {powder}",
    ),
    "filler_to_aliquot": (
        "{filler}, added to the aliquot",
        "{filler}, ajouté à l'aliquote",
    ),
    "filler_split": (
        "{batch} with the aliquot + {triturations} in the triturations",
        "{batch} avec l'aliquote + {triturations} dans les triturations",
    ),
    "tablet_powder": (
        "tablet powder",
        "poudre de comprimés",
    ),
    "aliquot_method": (
        "First, check the active ingredient (certificate of analysis, or the tablets' lot and "
        "expiry) and record it; then weigh the active powder by the aliquot method",
        "D'abord, vérifier la substance active (certificat d'analyse, ou lot et péremption des "
        "comprimés) et la consigner; puis peser la poudre active par la méthode de l'aliquote",
    ),
    "then_method": (
        "Then, with the aliquot as the drug powder",
        "Ensuite, avec l'aliquote comme poudre active",
    ),
}


def _phrases(v: Voice) -> Any:
    from ldncalc.locale.phrases import with_own  # the label's tables: loaded when used

    return with_own(v.lang, _PHRASES)


@words("capsule-title")
def _title(p: Params, v: Voice) -> str:
    return say(
        v,
        "title-capsule",
        strength=v.q(p["strength"]),
        size=p["size"],
        quantity=v.counted(int(p["quantity"]), "capsule"),
        batch=v.n(p["batch"]),
    )


@words("capsule-make")
def _make(p: Params, v: Voice) -> str:
    return say(
        v,
        "make-capsule",
        batch=v.counted(int(p["batch"]), "capsule"),
        quantity=v.n(p["quantity"]),
        overage=v.n(p["overage"]),
        total=v.q(p["total"]),
    )


def _shell(p: Params, v: Voice) -> str:
    return say(v, "shell", size=p["size"], material=say(v, str(p["shell"])))


_SHELL_SOURCES = {
    "weighed": "shell-weighed",
    "profile": "shell-profile",
    "typical": "shell-typical",
}


@words("capsule-weight-check")
def _weight_check(p: Params, v: Voice) -> str:
    """One line of the weight check of a filled capsule (``line``): the net fill weight (the
    powder alone, on a balance tared with an empty shell) and the gross weight of a filled
    capsule, with the shell it counts, or how to know it."""
    line = p["line"]
    if line == "check":
        return say(v, "check")
    if line == "net-fill":
        return say(v, "net-fill", fill=v.q(p["fill"]), low=v.q(p["low"]), high=v.q(p["high"]))
    if line == "untared-weigh":
        return say(v, "untared-weigh", shell=_shell(p, v), option=v.option("shell_weight"))
    if line == "untared-gross":
        return say(
            v, "untared-gross", gross=v.q(p["gross"]), low=v.q(p["low"]), high=v.q(p["high"])
        )
    option = v.option("shell_weight")
    source = say(v, _SHELL_SOURCES[str(p["source"])], option=option)
    return say(v, "with-shell", weight=v.q(p["weight"]), shell=_shell(p, v), source=source)


@words("capsule-into-batch")
def _into_batch(p: Params, v: Voice) -> str:
    return say(v, "into-batch")


def _mixture(p: Params, v: Voice) -> str:
    return say(v, "mixture", number=p["number"])


@words("capsule-aliquot-line")
def _aliquot_line(p: Params, v: Voice) -> str:
    """The aliquot that goes into the batch, the powder (and drug) it holds."""
    if p.get("powder") is not None:
        held = say(v, "tablet-powder-held", powder=v.q(p["powder"]))
    elif p.get("mass") is not None:
        held = mass_of(v, v.q(p["mass"]), ingredient_name(str(p["name"]), str(p["path"]), v))
    else:
        held = ""
    drug = say(v, "drug-held", drug=v.q(p["drug"])) if p.get("drug") is not None else ""
    return say(
        v,
        "aliquot-line",
        aliquot=v.q(p["aliquot"]),
        mixture=_mixture(p, v),
        held=held,
        drug=drug,
    ).removeprefix("  ")


@words("capsule-first-make")
def _first_make(p: Params, v: Voice) -> str:
    return say(v, "first-make", mixture=_mixture(p, v))


@words("capsule-mixture-weighed")
def _mixture_weighed(p: Params, v: Voice) -> str:
    """What is weighed to make the first mixture: the tablets' powder, or the API powder
    (``name`` the catalog's), or the filler."""
    if p.get("tablets") is not None:
        name = ingredient_name(str(p["name"]), str(p["path"]), v)
        return say(v, "crush-weigh", tablets=v.n(p["tablets"]), name=name, powder=v.q(p["powder"]))
    return mass_of(v, v.q(p["powder"]), catalog_text(str(p["name"]), v))


@words("capsule-count")
def _count(p: Params, v: Voice) -> str:
    """``30 capsules``: the label's quantity, the record's quantity made."""
    return str(_phrases(v).count(int(p["count"]), "capsule"))


@words("capsule-directions")
def _directions(p: Params, v: Voice) -> str:
    """``Take 1 capsule by mouth at bedtime`` (never HS or QHS: docs/basis.md §2, ISMP)."""
    return str(_phrases(v).take_capsule.format(when=times_a_day(int(p["per_day"]), v)))


@words("capsule-phrase")
def _phrase(p: Params, v: Voice) -> str:
    """A fixed phrase of the record's capsule parts: a heading, a column's, a measured check."""
    return str(getattr(_phrases(v), str(p["name"])))


@words("capsule-quantity")
def _quantity(p: Params, v: Voice) -> str:
    if p.get("places") is not None:
        return v.q(p["value"], int(p["places"]))
    return v.q(p["value"])


@words("capsule-factor-row")
def _factor_row(p: Params, v: Voice) -> str:
    """The value of one of the record's factors that is not a plain quantity."""
    words_, name = _phrases(v), p["name"]
    if name == "salt_factor":
        return v.n(p["value"])
    if name == "assay":
        assay = v.q(p["assay"])
        if p.get("basis") is None:
            return assay
        form = recorded(str(p["form"]), str(p["path"]), v)
        return str(
            words_.assay_stated.format(assay=assay, basis=words_.bases[p["basis"]], form=form)
        )
    if name == "water":
        return v.q(p["water"]) if p.get("water") is not None else str(words_.water_not_used)
    if name == "api_factor":
        _, formula, calculation = render_step(p["step"], v)
        return str(words_.api_factor_value.format(formula=formula, calculation=calculation))
    if name == "capsule_size":
        return f"{p['size']} ({v.q(p['volume'])})"
    if name == "packing_statistic":
        how = words_.estimated if p["estimated"] else words_.weighed
        return f"{v.q(p['packing'])} ({how})"
    return _empty_shell(p, v)  # empty_shell


def _empty_shell(p: Params, v: Voice) -> str:
    """``76 mg, gelatin, typical; …``: the empty shell the gross weight counts."""
    words_ = _phrases(v)
    material = str(words_.shell_materials[p["shell"]])
    if p.get("shell_weight") is None or p.get("source") is None:
        return material
    return f"{v.q(p['shell_weight'])}, {material}, {words_.shell_sources[p['source']]}"


@words("capsule-record-check")
def _record_check(p: Params, v: Voice) -> str:
    """The record's weight checks: the net fill weight's range, the gross weight's."""
    words_ = _phrases(v)
    if p["name"] == "net":
        return str(
            words_.fill_weight_check.format(
                weight=v.q(p["weight"]), low=v.q(p["low"]), high=v.q(p["high"])
            )
        )
    if p.get("weight") is None:
        return str(words_.gross_unknown)
    return str(
        words_.gross_weight_check.format(
            weight=v.q(p["weight"]),
            shell=_empty_shell(p, v),
            low=v.q(p["low"]),
            high=v.q(p["high"]),
        )
    )


@words("capsule-yield")
def _yield(p: Params, v: Voice) -> str:
    words_ = _phrases(v)
    return str(words_.yield_check.format(expected=words_.count(int(p["batch"]), "capsule")))


@words("capsule-shells")
def _shells(p: Params, v: Voice) -> str:
    """The empty shells, a row of the record's ingredients (its name; ``count``: its amount)."""
    words_ = _phrases(v)
    if p.get("count") is None:
        return str(words_.capsule_shells.format(size=p["size"]))
    count = words_.count(int(p["count"]), "capsule")
    return str(words_.shells_of.format(count=count, material=words_.shell_materials[p["shell"]]))


def _holding(p: Params, v: Voice, mass: str) -> str:
    """``152.8 mg (139.5 mg naltrexone HCl)``: the drug a powder brings, when it is not its own
    mass (``drug`` given)."""
    if p.get("drug") is None:
        return mass
    return str(_phrases(v).holding_drug.format(mass=mass, drug=v.q(p["drug"])))


@words("capsule-ingredient")
def _ingredient(p: Params, v: Voice) -> str:
    """A capsule batch's ingredient as the record's table says it: the API with the drug it
    holds; by the aliquot method, what reaches the batch and what is weighed for trituration
    1; the filler split between the batch and the triturations; or "see Weighings"."""
    words_, how = _phrases(v), p["how"]
    if how == "see-weighings":
        return str(words_.see_weighings)
    if how == "holding":
        return _holding(p, v, v.q(p["mass"]))
    if how == "filler-split":
        return str(
            words_.filler_split.format(batch=v.q(p["mass"]), triturations=v.q(p["triturations"]))
        )
    # the aliquot (docs/basis.md §8)
    if p.get("tablets") is not None:
        held = _holding(p, v, f"{v.q(p['powder'])} {words_.tablet_powder}")
        weighed = words_.tablets_powder.format(
            tablets=words_.count(int(p["tablets"]), "tablet"), powder=v.q(p["weighed"])
        )
    else:
        held = _holding(p, v, v.q(p["mass"]) if p.get("mass") is not None else "")
        weighed = v.q(p["weighed"])
    return str(
        words_.aliquot_in_batch.format(
            held=held, aliquot=v.q(p["aliquot"]), n=p["number"], weighed=weighed
        )
    )


@words("capsule-weighing")
def _weighing(p: Params, v: Voice) -> str:
    """A row of the record's weighings by the aliquot method (docs/basis.md §8)."""
    words_, what = _phrases(v), p["what"]
    powder = (
        words_.tablet_powder if p.get("tablets") else recorded(str(p["powder"]), str(p["path"]), v)
    )
    filler = recorded(str(p["filler"]), str(p["path"]), v)
    if what == "powder":
        number = int(p["number"])
        material = words_.mixture.format(n=number - 1) if number > 1 else powder
        return str(words_.trituration_powder.format(n=number, material=material))
    if what == "filler":
        return str(
            words_.trituration_filler.format(
                n=p["number"], filler=filler, mixture=v.q(p["mixture"]), factor=v.n(p["factor"])
            )
        )
    if what == "aliquot":
        return str(
            words_.aliquot_weighing.format(n=p["number"], needed=v.q(p["needed"]), powder=powder)
        )
    return str(words_.filler_to_aliquot.format(filler=filler))
