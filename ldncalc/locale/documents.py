"""The words of labels, compounding records and the patient's calendar that come from a
record rather than a fixed phrase (:mod:`ldncalc.labels.phrases` holds the fixed ones)."""

from ldncalc.locale import Params, Voice, words


@words("measuring-device")
def _measuring_device(p: Params, v: Voice) -> str:
    # an oral syringe or a graduated cylinder, as the catalog names it; in French from what it
    # is and holds (« seringue orale de 5 mL », « éprouvette graduée de 50 mL »)
    if v.fr:
        what = "éprouvette graduée" if p["kind"] == "cylinder" else "seringue orale"
        return f"{what} de {v.q(p['capacity'])}"
    return str(p["name"])
