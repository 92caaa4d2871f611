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
