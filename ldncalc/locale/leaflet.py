"""Words of the patient leaflet (:mod:`ldncalc.labels.leaflet`), English and French side by side.

What the leaflet says comes from the project's basis (docs/basis.md): the dose at bedtime
(§2), the opioid warning (§6; DailyMed naltrexone tablets, patient information; Mayo Clinic /
Micromedex precautions), the first weeks (vivid dreams, sleep: §6; Younger & Mackey, Pain Med
2009), a missed dose (§6; MedlinePlus, Naltrexone), storage and the discard date (§5, USP
<795>). The figures are filled in by the leaflet through the ISMP formatter.
"""

LEAFLET: dict[str, tuple[str, str]] = {
    "title": ("About your medicine: {drug}", "Au sujet de votre médicament : {drug}"),
    "for": ("For {patient}", "Pour {patient}"),
    "what": ("What it is", "De quoi s'agit-il?"),
    "what-text": (
        "{drug}: naltrexone hydrochloride at a low dose (LDN), prepared for you by your "
        "pharmacy (a compounded preparation, lot {lot}).",
        "{drug} : du chlorhydrate de naltrexone à faible dose (LDN), préparé pour vous par "
        "votre pharmacie (préparation magistrale, lot {lot}).",
    ),
    "dose": ("Your dose and how to measure it", "Votre dose et comment la mesurer"),
    "dose-liquid": (
        "Your dose is {dose}: {volume} of the liquid. Measure it with the {syringe} given with "
        "the bottle: draw the liquid up to the {volume} mark (see the picture).",
        "Votre dose est de {dose} : {volume} de liquide. Mesurez-la avec la {syringe} remise "
        "avec le flacon : aspirez le liquide jusqu'au trait de {volume} (voir l'image).",
    ),
    "shake": (
        "Shake the bottle well before each dose.",
        "Agitez bien le flacon avant chaque dose.",
    ),
    "dose-capsule": (
        "Your dose is {dose}: 1 capsule of {strength}. Swallow it whole with water.",
        "Votre dose est de {dose} : 1 capsule de {strength}. Avalez-la entière avec de l'eau.",
    ),
    "dose-drops": (
        "Your dose is {dose}: {drops} of the liquid. Use only the dropper given with the "
        "bottle (its drops were measured with this liquid) and place the dose under your "
        "tongue.",
        "Votre dose est de {dose} : {drops} de liquide. Utilisez seulement le compte-gouttes "
        "remis avec le flacon (ses gouttes ont été mesurées avec ce liquide) et déposez la dose "
        "sous votre langue.",
    ),
    "dose-cream-pump": (
        "Your dose is {pumps} ({amount} of cream, {dose} of naltrexone hydrochloride): press "
        "the pump all the way down each time. Apply it to the skin where your prescriber told "
        "you and rub it in gently.",
        "Votre dose est de {pumps} ({amount} de crème, {dose} de chlorhydrate de naltrexone) : "
        "enfoncez la pompe jusqu'au bout chaque fois. Appliquez-la sur la peau à l'endroit "
        "indiqué par votre prescripteur et faites-la pénétrer doucement.",
    ),
    "dose-cream": (
        "Your dose is {amount} of cream ({dose} of naltrexone hydrochloride). Apply it to the "
        "skin where your prescriber told you and rub it in gently.",
        "Votre dose est de {amount} de crème ({dose} de chlorhydrate de naltrexone). "
        "Appliquez-la sur la peau à l'endroit indiqué par votre prescripteur et faites-la "
        "pénétrer doucement.",
    ),
    "external": (
        "For external use only: do not swallow it, keep it away from the eyes, and wash your "
        "hands after applying it.",
        "Usage externe seulement : ne l'avalez pas, évitez le contact avec les yeux et "
        "lavez-vous les mains après l'application.",
    ),
    "directions": (
        "Directions on your label: {directions}.",
        "Mode d'emploi sur l'étiquette : {directions}.",
    ),
    "when": ("When to take it", "Quand la prendre"),
    "when-text": (
        "Take it {when}, every day, at about the same time.",
        "Prenez-la {when}, chaque jour, à peu près à la même heure.",
    ),
    "when-apply": ("When to apply it", "Quand l'appliquer"),
    "apply-when": (
        "Apply it {when}, every day, at about the same time.",
        "Appliquez-la {when}, chaque jour, à peu près à la même heure.",
    ),
    "opioids": (
        "Important: naltrexone blocks opioids",
        "Important : la naltrexone bloque les opioïdes",
    ),
    "opioids-text": (
        "{not_while} opioid medicines (such as codeine, morphine, oxycodone "
        "or tramadol): it can bring on sudden withdrawal, and it stops opioid pain relievers "
        "from working. Never take more opioid to get past the block: that can lead to an "
        "overdose. Carry a card saying that you take naltrexone, and tell every prescriber, "
        "dentist and pharmacist.",
        "{not_while} des médicaments opioïdes (comme la codéine, la morphine, l'oxycodone "
        "ou le tramadol) : elle peut provoquer un sevrage soudain et "
        "empêche les analgésiques opioïdes d'agir. Ne prenez jamais plus d'opioïde pour "
        "vaincre ce blocage : cela peut causer une surdose. Ayez sur vous une carte indiquant "
        "que vous prenez de la naltrexone et avisez tout prescripteur, dentiste et pharmacien.",
    ),
    # the opioid warning's first words: a medicine taken, or a cream applied
    "not-while-take": ("Do not take it while you use", "Ne la prenez pas si vous utilisez"),
    "not-while-apply": ("Do not take it while you use", "Ne l'utilisez pas si vous prenez"),
    "start": ("In the first weeks", "Les premières semaines"),
    "start-text": (
        "Some people have vivid dreams or trouble sleeping when they start. This is usually "
        "mild and goes away. If it does not, tell your prescriber or pharmacist: the dose can "
        "be lowered and raised again more slowly.",
        "Certaines personnes font des rêves très vifs ou dorment mal au début. C'est "
        "habituellement léger et passager. Sinon, parlez-en à votre prescripteur ou à votre "
        "pharmacien : la dose peut être diminuée, puis augmentée plus lentement.",
    ),
    "missed": ("If you miss a dose", "Si vous oubliez une dose"),
    "missed-text": (
        "Take it when you remember, unless it is nearly time for your next dose: then skip "
        "it. Never take two doses to make up for a missed one.",
        "Prenez-la dès que vous y pensez, sauf s'il est presque l'heure de la dose suivante : "
        "sautez alors la dose oubliée. Ne prenez jamais deux doses pour compenser un oubli.",
    ),
    "missed-apply": (
        "Apply it when you remember, unless it is nearly time for your next dose: then skip "
        "it. Never apply a double dose to make up for a missed one.",
        "Appliquez-la dès que vous y pensez, sauf s'il est presque l'heure de la dose "
        "suivante : sautez alors la dose oubliée. N'appliquez jamais une double dose pour "
        "compenser un oubli.",
    ),
    "storage": ("Storage", "Conservation"),
    "storage-text": (
        "{storage}, in the container it came in, out of the reach of children. Do not use it "
        "after {bud}: bring what is left back to the pharmacy.",
        "{storage}, dans le contenant remis, hors de la portée des enfants. Ne l'utilisez pas "
        "après le {bud} : rapportez le reste à la pharmacie.",
    ),
    "contact": ("Questions? Call your pharmacy", "Des questions? Appelez votre pharmacie"),
    "contact-text": ("{name}, {address}. Tel. {phone}", "{name}, {address}. Tél. : {phone}"),
    "syringe": ("{capacity} oral syringe", "seringue orale de {capacity}"),
    "fill-to": ("fill to {volume}", "remplir jusqu'à {volume}"),
    "capsule-picture": ("1 capsule, {strength}", "1 capsule, {strength}"),
}


def leaflet_words(lang: str, key: str, **values: object) -> str:
    """The leaflet's words ``key`` in ``lang``, filled with ``values`` (already formatted)."""
    english, french = LEAFLET[key]
    return (french if lang == "fr" else english).format(**values)
