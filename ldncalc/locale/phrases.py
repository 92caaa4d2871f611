"""Every fixed phrase of a label and a compounding record, in English and in French.

One :class:`Phrases` per language: the dataclass has no defaults, so a phrase added for one
language and forgotten in the other fails at import, not on a patient's label. Quebec requires
French labels (docs/basis.md §6); the French follows the Office québécois de la langue française
(« préparation magistrale », « date limite d'utilisation », « qsp »).

Text that comes from a formulation record (its name, method, quality checks) is the record's,
in the language its ``[fr]`` table gives; warnings, notes and calculation steps are message
records, worded by :mod:`ldncalc.locale` (:class:`ldncalc.labels.content.RecordWords`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
    take_capsule: str
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
    capsule_shells: str
    shells_of: str
    shell_materials: dict[str, str]
    holding_drug: str
    aliquot_in_batch: str
    factors: str
    api_form: str
    molar_mass: str
    salt_factor: str
    assay: str
    assay_stated: str
    bases: dict[str, str]
    water: str
    water_not_used: str
    api_factor: str
    api_factor_value: str
    empty_shell: str
    shell_sources: dict[str, str]
    tablet_strength: str
    tablet_weight: str
    capsule_size: str
    filler: str
    packing_statistic: str
    estimated: str
    weighed: str
    minimum_weighable: str
    balance: str
    balance_used: str
    sensitivity: str
    concentration: str
    dose: str
    dose_prescribed: str
    dose_rounded: str
    dose_volume: str
    syringe: str
    supply: str
    doses: str
    volume_for_doses: str
    volume_for_doses_value: str
    spare: str
    spare_value: str
    final_volume: str
    tablets_reaching: str
    calculation: str
    method: str
    quality_checks: str
    fill_weight_check: str
    gross_weight_check: str
    gross_unknown: str
    capsules_weighed: str
    within_range: str
    lightest: str
    heaviest: str
    volume_check: str
    appearance: str
    pass_fail: str
    check: str
    check_result: str
    yield_check: str
    # an aliquot plan (capsules) and a serial dilution (liquids)
    weighings: str
    weighing: str
    see_weighings: str
    trituration_powder: str
    trituration_filler: str
    aliquot_weighing: str
    filler_to_aliquot: str
    filler_split: str
    mixture: str
    tablet_powder: str
    aliquot_method: str
    then_method: str
    serial_dilution: str
    diluent: str
    as_diluent: str
    dilution_header: tuple[str, ...]
    dilution_row: str
    fill_row: str
    at_concentration: str
    with_device: str
    not_applicable: str
    stock_made: str
    stock_drawn: str
    last_dilution: str
    dispensed_dilution: str
    stock_concentration: str
    expected_measured: tuple[str, str, str]
    stock_volume: str
    volume_dispensed: str
    labelled_dilutions: str
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
    take_capsule="Take 1 capsule by mouth {when}",
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
    capsule_shells="Empty hard capsules, size {size}",
    shells_of="{count}, {material}",
    shell_materials={"gelatin": "gelatin", "hpmc": "HPMC (vegetarian)"},
    holding_drug="{mass} ({drug} naltrexone HCl)",
    aliquot_in_batch=(
        "{held} in the batch, as {aliquot} of mixture {n}; for trituration 1: {weighed}"
    ),
    factors="Factors and measuring",
    api_form="API form",
    molar_mass="Molar mass",
    salt_factor="Salt factor",
    assay="Assay (certificate of analysis)",
    assay_stated="{assay}, {basis}, as {form}",
    bases={"as-is": "as is", "anhydrous": "anhydrous (dried) basis"},
    water="Water (certificate of analysis)",
    water_not_used="not used: the assay is as is (it counts the water)",
    api_factor="Factor (naltrexone HCl per mg of powder)",
    api_factor_value="{formula} = {calculation}",
    empty_shell="Empty shell",
    shell_sources={
        "weighed": "weighed, --shell-weight",
        "profile": "weighed, pharmacy profile",
        "typical": "typical; weigh 10 empty shells for the lot's",
    },
    tablet_strength="Tablet strength",
    tablet_weight="Average tablet weight",
    capsule_size="Capsule size",
    filler="Filler",
    packing_statistic="Packing statistic",
    estimated="estimated from the bulk density",
    weighed="weighed",
    minimum_weighable="Minimum weighable quantity",
    balance="Balance",
    balance_used="Balance used",
    sensitivity="sensitivity {mass}",
    concentration="Concentration",
    dose="Dose",
    dose_prescribed="Dose prescribed",
    dose_rounded="{dose}, measured as {measured} ({deviation}): the nearest syringe mark",
    dose_volume="{volume} ({dose})",
    syringe="Oral syringe",
    supply="Supply",
    doses="{doses}, {days} of supply",
    volume_for_doses="Volume for the doses",
    volume_for_doses_value="{volume} ({doses} of {dose})",
    spare="Spare (never taken)",
    spare_value="{volume} (the formulation record asks at least {minimum})",
    final_volume="Final volume",
    tablets_reaching="{tablets} ({mass} naltrexone HCl; {reaching} of it reaches the bottle)",
    calculation="Calculation",
    method="Method",
    quality_checks="Quality checks",
    fill_weight_check=(
        "Net fill weight {weight} (the powder alone: tare the balance with an empty shell): "
        "each capsule's powder must weigh from {low} to {high}"
    ),
    gross_weight_check=(
        "Gross weight {weight} (a filled capsule, untared; empty shell {shell}): from {low} to "
        "{high}"
    ),
    gross_unknown=(
        "Gross weight: weigh 10 empty shells and give --shell-weight (no typical weight known)"
    ),
    capsules_weighed="Capsules weighed",
    within_range="Within range",
    lightest="Lightest (net)",
    heaviest="Heaviest (net)",
    volume_check="Final volume measured (expected {volume})",
    appearance="Appearance",
    pass_fail="☐ Pass   ☐ Fail",
    check="Check",
    check_result="Result",
    yield_check="Yield (expected {expected})",
    weighings="Weighings (aliquot method)",
    weighing="Weighing",
    see_weighings="see Weighings",
    trituration_powder="Trituration {n}: {material}",
    trituration_filler=(
        "Trituration {n}: {filler}, to make {mixture} of mixture {n} (1 in {factor})"
    ),
    aliquot_weighing="Aliquot of mixture {n}: it holds {needed} of {powder}",
    filler_to_aliquot="{filler}, added to the aliquot",
    filler_split="{batch} with the aliquot + {triturations} in the triturations",
    mixture="mixture {n}",
    tablet_powder="tablet powder",
    aliquot_method=(
        "First, check the active ingredient (certificate of analysis, or the tablets' lot and "
        "expiry) and record it; then weigh the active powder by the aliquot method"
    ),
    then_method="Then, with the aliquot as the drug powder",
    serial_dilution="Serial dilution",
    diluent="Diluent: {name}. Make the stock and every dilution on the same day.",
    as_diluent="{name} (diluent)",
    dilution_header=("Dilution", "Draw", "Actual", "Add diluent", "Actual", "Makes"),
    dilution_row="Dilution {n} (1:{factor}) of the {concentration} liquid",
    fill_row="Fill the bottle from the {concentration} dilution",
    at_concentration="{volume} at {concentration}",
    with_device="{volume} ({device})",
    not_applicable="—",
    stock_made="Stock made",
    stock_drawn="{made} at {concentration}; {drawn} of it drawn for dilution 1",
    last_dilution="Last dilution made",
    dispensed_dilution=(
        "{volume} of the {concentration} dilution (all of it), holding {drug} naltrexone HCl"
    ),
    stock_concentration="Stock concentration",
    expected_measured=("Check", "Expected", "Measured"),
    stock_volume="Stock made up to",
    volume_dispensed="Volume in the bottle",
    labelled_dilutions="The stock and every dilution labelled with its concentration",
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
    take_capsule="Prendre 1 capsule par la bouche {when}",
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
    capsule_shells="Capsules dures vides, taille {size}",
    shells_of="{count}, {material}",
    shell_materials={"gelatin": "gélatine", "hpmc": "HPMC (végétale)"},
    holding_drug="{mass} ({drug} de naltrexone HCl)",
    aliquot_in_batch=(
        "{held} dans le lot, sous forme de {aliquot} du mélange {n}; pour la trituration 1 : "
        "{weighed}"
    ),
    factors="Facteurs et mesure",
    api_form="Forme de la substance active",
    molar_mass="Masse molaire",
    salt_factor="Facteur de sel",
    assay="Titre (certificat d'analyse)",
    assay_stated="{assay}, {basis}, exprimé en {form}",
    bases={"as-is": "tel quel", "anhydrous": "sur base anhydre (séchée)"},
    water="Eau (certificat d'analyse)",
    water_not_used="non utilisée : le titre est tel quel (il compte l'eau)",
    api_factor="Facteur (naltrexone HCl par mg de poudre)",
    api_factor_value="{formula} = {calculation}",
    empty_shell="Capsule vide",
    shell_sources={
        "weighed": "pesée, --shell-weight",
        "profile": "pesée, profil de la pharmacie",
        "typical": "valeur typique; peser 10 capsules vides pour celle du lot",
    },
    tablet_strength="Teneur des comprimés",
    tablet_weight="Masse moyenne d'un comprimé",
    capsule_size="Taille des capsules",
    filler="Diluant",
    packing_statistic="Capacité en diluant d'une capsule",
    estimated="estimée d'après la masse volumique apparente",
    weighed="pesée",
    minimum_weighable="Quantité minimale pesable",
    balance="Balance",
    balance_used="Balance utilisée",
    sensitivity="sensibilité {mass}",
    concentration="Concentration",
    dose="Dose",
    dose_prescribed="Dose prescrite",
    dose_rounded="{dose}, mesurée {measured} ({deviation}) : la graduation la plus proche",
    dose_volume="{volume} ({dose})",
    syringe="Seringue orale",
    supply="Durée",
    doses="{doses}, {days} de traitement",
    volume_for_doses="Volume des doses",
    volume_for_doses_value="{volume} ({doses} de {dose})",
    spare="Réserve (jamais prise)",
    spare_value="{volume} (la fiche de préparation en demande au moins {minimum})",
    final_volume="Volume final",
    tablets_reaching=(
        "{tablets} ({mass} de naltrexone HCl; {reaching} en arrivent dans le flacon)"
    ),
    calculation="Calcul",
    method="Méthode",
    quality_checks="Contrôles de la qualité",
    fill_weight_check=(
        "Masse nette de remplissage {weight} (la poudre seule : tarer la balance avec une "
        "capsule vide) : la poudre de chaque capsule doit peser de {low} à {high}"
    ),
    gross_weight_check=(
        "Masse brute {weight} (capsule remplie, sans tare; capsule vide {shell}) : de {low} "
        "à {high}"
    ),
    gross_unknown=(
        "Masse brute : peser 10 capsules vides et donner --shell-weight (aucune masse typique "
        "connue)"
    ),
    capsules_weighed="Capsules pesées",
    within_range="Conformes",
    lightest="La plus légère (nette)",
    heaviest="La plus lourde (nette)",
    volume_check="Volume final mesuré (attendu {volume})",
    appearance="Apparence",
    pass_fail="☐ Conforme   ☐ Non conforme",
    check="Contrôle",
    check_result="Résultat",
    yield_check="Rendement (attendu {expected})",
    weighings="Pesées (méthode de l'aliquote)",
    weighing="Pesée",
    see_weighings="voir Pesées",
    trituration_powder="Trituration {n} : {material}",
    trituration_filler=(
        "Trituration {n} : {filler}, pour {mixture} du mélange {n} (1 dans {factor})"
    ),
    aliquot_weighing="Aliquote du mélange {n} : elle contient {needed} de {powder}",
    filler_to_aliquot="{filler}, ajouté à l'aliquote",
    filler_split="{batch} avec l'aliquote + {triturations} dans les triturations",
    mixture="mélange {n}",
    tablet_powder="poudre de comprimés",
    aliquot_method=(
        "D'abord, vérifier la substance active (certificat d'analyse, ou lot et péremption des "
        "comprimés) et la consigner; puis peser la poudre active par la méthode de l'aliquote"
    ),
    then_method="Ensuite, avec l'aliquote comme poudre active",
    serial_dilution="Dilution en série",
    diluent=("Diluant : {name}. Préparer la préparation mère et chaque dilution le même jour."),
    as_diluent="{name} (diluant)",
    dilution_header=("Dilution", "Prélever", "Réel", "Ajouter du diluant", "Réel", "Donne"),
    dilution_row="Dilution {n} (1:{factor}) du liquide à {concentration}",
    fill_row="Remplir le flacon avec la dilution à {concentration}",
    at_concentration="{volume} à {concentration}",
    with_device="{volume} ({device})",
    not_applicable="—",
    stock_made="Préparation mère",
    stock_drawn="{made} à {concentration}; on en prélève {drawn} pour la dilution 1",
    last_dilution="Dernière dilution préparée",
    dispensed_dilution=(
        "{volume} de la dilution à {concentration} (la totalité), soit {drug} de naltrexone HCl"
    ),
    stock_concentration="Concentration de la préparation mère",
    expected_measured=("Contrôle", "Attendu", "Mesuré"),
    stock_volume="Préparation mère complétée à",
    volume_dispensed="Volume dans le flacon",
    labelled_dilutions=(
        "La préparation mère et chaque dilution étiquetées avec leur concentration"
    ),
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
