"""The fixed phrases of a label and a compounding record every form shares, in English and in
French (a form's own, such as the capsules' weighings or a liquid's serial dilution, are in
``ldncalc/locale/<kind>.py``, found through :func:`with_own`).

One :class:`Phrases` per language: the dataclass has no defaults, so a phrase added for one
language and forgotten in the other fails at import, not on a patient's label. Quebec requires
French labels (docs/basis.md §6); the French follows the Office québécois de la langue française
(« préparation magistrale », « date limite d'utilisation », « qsp »).

Text that comes from a formulation record (its name, method, quality checks) is the record's,
in the language its ``[fr]`` table gives; warnings, notes and calculation steps are message
records, worded by :mod:`ldncalc.locale` (:class:`ldncalc.labels.content.RecordWords`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ldncalc.bud import STORAGE_TEXT
from ldncalc.formatting import format_number
from ldncalc.locale.auxiliary import AUXILIARY

Lang = Literal["en", "fr"]


@dataclass(frozen=True)
class Phrases:
    """The fixed words of one language. ``{name}`` fields are filled with ``str.format``."""

    lang: Lang
    # counted nouns, (singular, plural): written with count()
    nouns: dict[str, tuple[str, str]]
    # directions (docs/basis.md §2: "at bedtime", never HS or QHS)
    take_liquid: str
    times_a_day: dict[int, str]
    times_a_day_n: str
    # label
    drug_liquid: str
    drug_capsule: str
    dosage_forms: dict[str, str]
    quantity: str
    rx: str
    prescriber: str
    date: str
    lot: str
    discard_after: str
    compounded_preparation: str
    opioid_warning: str  # on every LDN label and calendar (docs/basis.md §6)
    phone: str
    storage: dict[str, str]
    auxiliary: dict[str, str]
    # record
    record_title: str
    page: str
    calculated_by: str
    preparation: str
    formulation: str
    formulation_version: str
    builtin: str
    dosage_form: str
    quantity_dispensed: str
    quantity_made: str
    compounding_date: str
    beyond_use_date: str
    patient: str
    rx_number: str
    pharmacist: str
    container: str
    ingredients: str
    ingredient: str
    calculated: str
    actual: str
    manufacturer: str
    manufacturer_lot: str
    expiry: str
    tablets_amount: str
    tablets_powder: str
    qs_to: str
    factors: str
    api_form: str
    molar_mass: str
    salt_factor: str
    assay: str
    bases: dict[str, str]
    water: str
    api_factor: str
    tablet_strength: str
    tablet_weight: str
    capsule_size: str
    filler: str
    packing_statistic: str
    weighed: str
    minimum_weighable: str
    balance: str
    balance_used: str
    sensitivity: str
    concentration: str
    dose: str
    dose_volume: str
    syringe: str
    supply: str
    doses: str
    spare: str
    final_volume: str
    tablets_reaching: str
    calculation: str
    method: str
    quality_checks: str
    appearance: str
    pass_fail: str
    check: str
    check_result: str
    # an aliquot plan (capsules) and a serial dilution (liquids)
    weighings: str
    weighing: str
    mixture: str
    diluent: str
    as_diluent: str
    stock_drawn: str
    stock_concentration: str
    warnings: str
    notes: str
    bud_line: str
    bud_limited: str
    bud_short: str
    compounded_later: str
    compounded_long_ago: str
    storage_heading: str
    basis: str
    references: str
    signatures: str
    prepared_by: str
    checked_by: str
    signature: str
    label_copy: str
    # the patient's calendar of a titration (ldncalc/labels/calendar.py)
    weekdays: tuple[str, ...]
    calendar_heading: str
    calendar_title_liquid: str
    calendar_title_capsules: str
    calendar_pdf_title: str
    calendar_columns: tuple[str, str, str, str]
    day_by_day: str
    day_by_day_pdf: str
    week: str
    calendar_for: str
    calendar_pharmacy: str
    take_once_a_day: str
    keep_taking: str
    new_dose: str
    your_fills: dict[str, str]
    fill_line: str
    fill_containers: dict[str, str]
    questions: str
    capsule_measure: str

    def count(self, number: int, noun: str) -> str:
        """``number`` and ``noun`` in this language, singular or plural: ``1 tablet``,
        ``2 tablets``; in French the singular goes up to 1 (``0 comprimé``, ``1 comprimé``,
        ``2 comprimés``: Office québécois de la langue française, pluriel après un nombre)."""
        singular, plural = self.nouns[noun]
        one = number == 1 if self.lang == "en" else number < 2
        return f"{format_number(number, lang=self.lang)} {singular if one else plural}"


EN = Phrases(
    lang="en",
    nouns={
        "tablet": ("tablet", "tablets"),
        "capsule": ("capsule", "capsules"),
        "dose": ("dose", "doses"),
        "step": ("step", "steps"),
    },
    take_liquid="Take {volume} ({dose}) by mouth {when}",
    times_a_day={
        1: "at bedtime",
        2: "twice a day",
        3: "three times a day",
        4: "four times a day",
    },
    times_a_day_n="{n} times a day",
    drug_liquid="Naltrexone HCl {concentration} {form} (LDN)",
    drug_capsule="Naltrexone HCl {strength} capsules (LDN)",
    dosage_forms={},
    quantity="Qty",
    rx="Rx",
    prescriber="Prescriber",
    date="Date",
    lot="Lot",
    discard_after="Discard after {date}",
    compounded_preparation="Compounded preparation",
    opioid_warning=(
        "Naltrexone blocks opioid medicines: tell every prescriber, dentist and pharmacist; "
        "carry this information"
    ),
    phone="Tel.",
    storage=dict(STORAGE_TEXT),
    auxiliary=AUXILIARY["en"],
    record_title="Compounding record",
    page="Page {n} of {total}",
    calculated_by="Calculated by ldncalc {version}",
    preparation="Preparation",
    formulation="Formulation",
    formulation_version="{id}, version {version}",
    builtin="built-in",
    dosage_form="Dosage form",
    quantity_dispensed="Quantity dispensed",
    quantity_made="Quantity made",
    compounding_date="Compounding date",
    beyond_use_date="Beyond-use date",
    patient="Patient",
    rx_number="Rx number",
    pharmacist="Pharmacist",
    container="Container",
    ingredients="Ingredients",
    ingredient="Ingredient",
    calculated="Calculated",
    actual="Actual",
    manufacturer="Manufacturer",
    manufacturer_lot="Mfr lot",
    expiry="Expiry",
    tablets_amount="{tablets} ({mass} naltrexone HCl)",
    tablets_powder="{tablets}: crush, weigh {powder} of powder",
    qs_to="qs to {volume}",
    factors="Factors and measuring",
    api_form="API form",
    molar_mass="Molar mass",
    salt_factor="Salt factor",
    assay="Assay (certificate of analysis)",
    bases={"as-is": "as is", "anhydrous": "anhydrous (dried) basis"},
    water="Water (certificate of analysis)",
    api_factor="Factor (naltrexone HCl per mg of powder)",
    tablet_strength="Tablet strength",
    tablet_weight="Average tablet weight",
    capsule_size="Capsule size",
    filler="Filler",
    packing_statistic="Packing statistic",
    weighed="weighed",
    minimum_weighable="Minimum weighable quantity",
    balance="Balance",
    balance_used="Balance used",
    sensitivity="sensitivity {mass}",
    concentration="Concentration",
    dose="Dose",
    dose_volume="{volume} ({dose})",
    syringe="Oral syringe",
    supply="Supply",
    doses="{doses}, {days} of supply",
    spare="Spare (never taken)",
    final_volume="Final volume",
    tablets_reaching="{tablets} ({mass} naltrexone HCl; {reaching} of it reaches the bottle)",
    calculation="Calculation",
    method="Method",
    quality_checks="Quality checks",
    appearance="Appearance",
    pass_fail="☐ Pass   ☐ Fail",
    check="Check",
    check_result="Result",
    weighings="Weighings (aliquot method)",
    weighing="Weighing",
    mixture="mixture {n}",
    diluent="Diluent: {name}. Make the stock and every dilution on the same day.",
    as_diluent="{name} (diluent)",
    stock_drawn="{made} at {concentration}; {drawn} of it drawn for dilution 1",
    stock_concentration="Stock concentration",
    warnings="Warnings",
    notes="Notes",
    bud_line="Discard after {date}: {days} from the compounding date {compounded}",
    bud_limited=("Shortened from the formulation's {days} by the expiry of {ingredient} ({date})"),
    bud_short=(
        "The expiry of {ingredient} brings the BUD to {date}, {days} after compounding, but the "
        "supply lasts {supply}: what is left then must be discarded"
    ),
    compounded_later=(
        "The compounding date {date} is after today: the BUD counts from the day compounding "
        "starts, so compound it on that day, or give --date of the day it is made"
    ),
    compounded_long_ago=(
        "The compounding date {date} is {days} before today: the BUD counts from it, so check "
        "--date (the day compounding started)"
    ),
    storage_heading="Storage",
    basis="Basis",
    references="References",
    signatures="Signatures",
    prepared_by="Prepared by",
    checked_by="Checked by (pharmacist)",
    signature="Signature",
    label_copy="Copy of the label",
    weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    calendar_heading="Your dose calendar: {title}",
    calendar_title_liquid="Naltrexone HCl {concentration} {form}: {start} to {target} {when}",
    calendar_title_capsules="Naltrexone HCl capsules: {start} to {target} {when}",
    calendar_pdf_title="{title}: dose calendar",
    calendar_columns=("From", "To", "Dose", "Take"),
    day_by_day="Day by day (tick each dose when taken)",
    day_by_day_pdf="Day by day: tick each dose when taken",
    week="Week",
    calendar_for="For: {patient}",
    calendar_pharmacy="Pharmacy: {name}, {phone}",
    take_once_a_day="Take once a day, {when}.",
    keep_taking=("From {day} your dose is {dose}: keep taking it as your prescriber tells you."),
    new_dose=(
        "If a new dose does not agree with you, ask your prescriber or pharmacist before "
        "going up again."
    ),
    your_fills={
        "liquid": "Your bottles (do not use a bottle after its date):",
        "capsule": "Your capsules (do not use any after the date on its container):",
    },
    fill_line="  {container} {number}: from {first}, do not use after {last}",
    fill_containers={"liquid": "Bottle", "capsule": "Supply"},
    questions="Questions about your doses: ask your pharmacist.",
    capsule_measure="{count}: {capsules}",
)

FR = Phrases(
    lang="fr",
    nouns={
        "tablet": ("comprimé", "comprimés"),
        "capsule": ("capsule", "capsules"),
        "dose": ("dose", "doses"),
        "step": ("étape", "étapes"),
    },
    take_liquid="Prendre {volume} ({dose}) par la bouche {when}",
    times_a_day={
        1: "au coucher",
        2: "deux fois par jour",
        3: "trois fois par jour",
        4: "quatre fois par jour",
    },
    times_a_day_n="{n} fois par jour",
    drug_liquid="Naltrexone HCl {concentration}, {form} (LDN)",
    drug_capsule="Naltrexone HCl {strength}, capsules (LDN)",
    dosage_forms={
        "oral suspension": "suspension orale",
        "oral solution": "solution orale",
        "hard gelatin capsule": "capsule dure de gélatine",
        "hard HPMC capsule": "capsule dure d'HPMC (végétale)",
        "sublingual drops": "gouttes sublinguales",
        "cream": "crème",
    },
    quantity="Qté",
    rx="No Rx",
    prescriber="Prescripteur",
    date="Date",
    lot="Lot",
    discard_after="Jeter après le {date}",
    compounded_preparation="Préparation magistrale",
    opioid_warning=(
        "La naltrexone bloque les opioïdes : avisez tout prescripteur, dentiste et "
        "pharmacien; gardez cette information sur vous"
    ),
    phone="Tél.",
    storage={
        "refrigerate": "Garder au réfrigérateur, entre 2 et 8 °C",
        "room-temperature": "Conserver à la température ambiante contrôlée, entre 20 et 25 °C",
        "room-temperature-or-refrigerate": (
            "Conserver entre 20 et 25 °C ou au réfrigérateur, entre 2 et 8 °C"
        ),
    },
    auxiliary=AUXILIARY["fr"],
    record_title="Fiche de préparation magistrale",
    page="Page {n} de {total}",
    calculated_by="Calculé par ldncalc {version}",
    preparation="Préparation",
    formulation="Formule maîtresse",
    formulation_version="{id}, version {version}",
    builtin="intégrée",
    dosage_form="Forme pharmaceutique",
    quantity_dispensed="Quantité servie",
    quantity_made="Quantité préparée",
    compounding_date="Date de préparation",
    beyond_use_date="Date limite d'utilisation",
    patient="Patient",
    rx_number="No d'ordonnance",
    pharmacist="Pharmacien",
    container="Contenant",
    ingredients="Ingrédients",
    ingredient="Ingrédient",
    calculated="Calculé",
    actual="Réel",
    manufacturer="Fabricant",
    manufacturer_lot="Lot fabricant",
    expiry="Péremption",
    tablets_amount="{tablets} ({mass} de naltrexone HCl)",
    tablets_powder="{tablets} : broyer, peser {powder} de poudre",
    qs_to="qsp {volume}",
    factors="Facteurs et mesure",
    api_form="Forme de la substance active",
    molar_mass="Masse molaire",
    salt_factor="Facteur de sel",
    assay="Titre (certificat d'analyse)",
    bases={"as-is": "tel quel", "anhydrous": "sur base anhydre (séchée)"},
    water="Eau (certificat d'analyse)",
    api_factor="Facteur (naltrexone HCl par mg de poudre)",
    tablet_strength="Teneur des comprimés",
    tablet_weight="Masse moyenne d'un comprimé",
    capsule_size="Taille des capsules",
    filler="Diluant",
    packing_statistic="Capacité en diluant d'une capsule",
    weighed="pesée",
    minimum_weighable="Quantité minimale pesable",
    balance="Balance",
    balance_used="Balance utilisée",
    sensitivity="sensibilité {mass}",
    concentration="Concentration",
    dose="Dose",
    dose_volume="{volume} ({dose})",
    syringe="Seringue orale",
    supply="Durée",
    doses="{doses}, {days} de traitement",
    spare="Réserve (jamais prise)",
    final_volume="Volume final",
    tablets_reaching=(
        "{tablets} ({mass} de naltrexone HCl; {reaching} en arrivent dans le flacon)"
    ),
    calculation="Calcul",
    method="Méthode",
    quality_checks="Contrôles de la qualité",
    appearance="Apparence",
    pass_fail="☐ Conforme   ☐ Non conforme",
    check="Contrôle",
    check_result="Résultat",
    weighings="Pesées (méthode de l'aliquote)",
    weighing="Pesée",
    mixture="mélange {n}",
    diluent=("Diluant : {name}. Préparer la préparation mère et chaque dilution le même jour."),
    as_diluent="{name} (diluant)",
    stock_drawn="{made} à {concentration}; on en prélève {drawn} pour la dilution 1",
    stock_concentration="Concentration de la préparation mère",
    warnings="Avertissements",
    notes="Remarques",
    bud_line="Jeter après le {date} : {days} après la date de préparation {compounded}",
    bud_limited=("Raccourcie des {days} de la formule par la péremption de {ingredient} ({date})"),
    bud_short=(
        "La péremption de {ingredient} ramène la date limite au {date}, {days} après la "
        "préparation, mais la quantité dure {supply} : le reste devra être jeté"
    ),
    compounded_later=(
        "La date de préparation {date} est postérieure à aujourd'hui : la date limite compte "
        "à partir du jour où la préparation commence; préparez-la ce jour-là, ou donnez "
        "--date du jour où elle est faite"
    ),
    compounded_long_ago=(
        "La date de préparation {date} est {days} avant aujourd'hui : la date limite compte à "
        "partir d'elle; vérifiez --date (le jour où la préparation a commencé)"
    ),
    storage_heading="Conservation",
    basis="Fondement",
    references="Références",
    signatures="Signatures",
    prepared_by="Préparé par",
    checked_by="Vérifié par (pharmacien)",
    signature="Signature",
    label_copy="Copie de l'étiquette",
    weekdays=("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    calendar_heading="Votre calendrier des doses : {title}",
    calendar_title_liquid=("Naltrexone HCl {concentration}, {form} : de {start} à {target} {when}"),
    calendar_title_capsules="Naltrexone HCl, capsules : de {start} à {target} {when}",
    calendar_pdf_title="{title} : calendrier des doses",
    calendar_columns=("Du", "Au", "Dose", "Prendre"),
    day_by_day="Jour par jour (cochez chaque dose prise)",
    day_by_day_pdf="Jour par jour : cochez chaque dose prise",
    week="Sem.",
    calendar_for="Pour : {patient}",
    calendar_pharmacy="Pharmacie : {name}, {phone}",
    take_once_a_day="Prendre une fois par jour, {when}.",
    keep_taking=(
        "À partir du {day}, votre dose est de {dose} : continuez à la prendre selon les "
        "directives de votre prescripteur."
    ),
    new_dose=(
        "Si une nouvelle dose ne vous convient pas, consultez votre prescripteur ou votre "
        "pharmacien avant d'augmenter encore."
    ),
    your_fills={
        "liquid": "Vos flacons (n'utilisez pas un flacon après sa date) :",
        "capsule": "Vos capsules (n'en utilisez aucune après la date inscrite sur le contenant) :",
    },
    fill_line="  {container} {number} : du {first}, ne pas utiliser après le {last}",
    fill_containers={"liquid": "Flacon", "capsule": "Contenant"},
    questions="Des questions sur vos doses? Consultez votre pharmacien.",
    capsule_measure="{count} : {capsules}",
)

_PHRASES: dict[Lang, Phrases] = {"en": EN, "fr": FR}


def phrases(lang: Lang) -> Phrases:
    """The phrase table of ``lang``."""
    return _PHRASES[lang]


class _WithOwn:
    """A form's own fixed phrases in one language, else the shared ones of :func:`phrases`."""

    def __init__(self, lang: Lang, own: Mapping[str, tuple[Any, Any]]) -> None:
        self._own, self._french, self._shared = own, lang == "fr", phrases(lang)

    def __getattr__(self, name: str) -> Any:
        found = self._own.get(name)
        return getattr(self._shared, name) if found is None else found[self._french]


def with_own(lang: Lang, own: Mapping[str, tuple[Any, Any]]) -> Any:
    """The fixed phrases of a form's label and record parts in ``lang``: the form's ``own``
    (``{name: (English, French)}``, in ``ldncalc/locale/<kind>.py``), else this table's."""
    return _WithOwn(lang, own)
