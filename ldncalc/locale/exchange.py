"""Words of the exchange files (:mod:`ldncalc.exchange`): FHIR and the iCalendar."""

from ldncalc.locale import Params, Voice, words

# what the command line says on stderr once a file is written, as "label written: …"
WRITTEN = {
    "fhir": ("FHIR written: {path}", "FHIR écrit : {path}"),
    "ics": ("iCalendar written: {path}", "iCalendar écrit : {path}"),
}


def written(v: Voice, kind: str, path: object) -> str:
    """``FHIR written: bundle.json`` in ``v``'s language."""
    english, french = WRITTEN[kind]
    return (french if v.fr else english).format(path=path)


@words("fhir-version")
def _fhir_version(p: Params, v: Voice) -> tuple[str, str]:
    # fhir.resources models R5 and R4B; R4 systems read R4B's resources used here
    versions = " ou ".join(p["versions"]) if v.fr else " or ".join(p["versions"])
    if v.fr:
        return "n'est pas une version de FHIR prise en charge", f"écrivez {versions}"
    return "is not a FHIR version ldncalc writes", f"write {versions}"


# The patient's iCalendar (ldncalc/exchange/ics.py): (English, French) templates
ICS = {
    "category": ("Naltrexone", "Naltrexone"),
    "start": ("Naltrexone: start at {dose}", "Naltrexone : début à {dose}"),
    "change": ("Naltrexone: new dose, {dose}", "Naltrexone : nouvelle dose, {dose}"),
    "until": ("This dose until {day}.", "Cette dose jusqu'au {day}."),
    "with-syringe": ("{take}, with the {device}.", "{take}, avec la {device}."),
    "capsules": ("Take {measure}, by mouth {when}.", "Prendre {measure}, par la bouche {when}."),
    "reminder": ("Naltrexone: take your dose {when}", "Naltrexone : prenez votre dose {when}"),
    "reminder-off": (
        "A daily reminder. To switch it off, delete this event (all its occurrences) or turn "
        "its alert off: the events of your dose changes stay.",
        "Un rappel quotidien. Pour l'arrêter, supprimez cet événement (toutes ses occurrences) "
        "ou désactivez son alerte : les événements de vos changements de dose restent.",
    ),
}


def ics_words(lang: str, key: str, **values: object) -> str:
    """The iCalendar's words ``key`` in ``lang``, filled with ``values`` (already formatted)."""
    english, french = ICS[key]
    return (french if lang == "fr" else english).format(**values)
