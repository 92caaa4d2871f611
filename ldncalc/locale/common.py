"""Words shared by every area: text a person wrote in a formulation record."""

from ldncalc.locale import Params, Voice, words


@words("record-text")
def _record_text(p: Params, v: Voice) -> str:
    # a record's own text: the reader's language if the record gives it, else its English
    # (ldncalc formulations check reports what a record's declared languages lack)
    translated = p.get(v.lang)
    return str(translated) if translated else str(p["en"])
