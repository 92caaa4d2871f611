"""The fixed words of the compounding log's screens (``ldncalc log list|show|recall|complete|
verify|audit|reprint``) and of ``ldncalc config``, English and French (Canada) side by side.

Each entry is a template whose fields are filled by :mod:`ldncalc.log.render` with numbers and
quantities already written by the reader's :class:`~ldncalc.locale.Voice`: this module holds
words only. French after the Office québécois de la langue française: a lot is « libéré » or
« mis en quarantaine » by the pharmacist who verifies it; « fiche » is the compounding record;
« no » abbreviates « numéro ». The labels of ``log show`` are padded so that the values start
in the same column in both languages.
"""

from __future__ import annotations

from typing import Any

from ldncalc.locale import Voice
from ldncalc.locale.log import STATUS_FR

# key: (English, French)
LOG_SCREEN: dict[str, tuple[str, str]] = {
    # -- a table of lots (list, recall) ------------------------------------------------------
    "heads": (
        "LOT|COMPOUNDED|PATIENT|RX|PREPARATION|STATUS",
        "LOT|PRÉPARÉ LE|PATIENT|ORDONNANCE|PRÉPARATION|STATUT",
    ),
    "no-lot": ("No lot matches.", "Aucun lot ne correspond."),
    # the mark a reprinted label, record or leaflet carries, in the documents' language
    "reprint-mark": ("REPRINT {day}", "RÉIMPRESSION {day}"),
    "prep-capsules": ("{capsules} {strength}", "{capsules} de {strength}"),
    "prep-liquid": ("{volume} {concentration}", "{volume} à {concentration}"),
    # -- one lot (show) ----------------------------------------------------------------------
    "lot-status": ("Lot {lot}: {status}", "Lot {lot} : {status}"),
    "preparation": (
        "  Preparation:  {preparation} ({id} v{version})",
        "  Préparation : {preparation} ({id} v{version})",
    ),
    "patient": (
        "  Patient:      {patient}   Rx {rx}   Prescriber {prescriber}",
        "  Patient :     {patient}   Ordonnance {rx}   Prescripteur {prescriber}",
    ),
    "compounded": (
        "  Compounded:   {date}, prepared by {by}",
        "  Préparé le :  {date}, par {by}",
    ),
    "ingredient": (
        "  Ingredient:   {ingredient}: lot {lot}{expiry}",
        "  Ingrédient :  {ingredient} : lot {lot}{expiry}",
    ),
    "expires": (", expires {date}", ", date de péremption {date}"),
    "verified-by": ("  Verified by:  {name}", "  Vérifié par : {name}"),
    "reason": ("  Reason:       {reason}", "  Motif :       {reason}"),
    "entries": ("Entries:", "Entrées :"),
    # -- one entry ---------------------------------------------------------------------------
    "entry": (
        "#{seq} {at} {kind} by {actor}{corrects}{said}",
        "no {seq} {at}, {kind} par {actor}{corrects}{said}",
    ),
    "registered": ("registered", "inscrit"),
    "completed": ("completed", "complété"),
    "released": ("released", "libéré"),
    "rejected": ("rejected", "mis en quarantaine"),
    "corrects": (" (corrects #{seq})", " (corrige l'entrée no {seq})"),
    "said-completed": (
        ": {verdict}, strength made {strength}",
        " : {verdict}, teneur obtenue {strength}",
    ),
    "passed": ("passed", "conforme"),
    "failed": ("FAILED: {failures}", "NON CONFORME : {failures}"),
    "separator": ("; ", "; "),  # between the reasons of a failure
    "said-reason": (": {reason}", " : {reason}"),
    "said-single": (
        ": single-pharmacist pharmacy, verified by the preparer",
        " : pharmacie à un seul pharmacien, vérifié par la personne qui l'a préparé",
    ),
    # -- verify ------------------------------------------------------------------------------
    "released-by": (
        "Lot {lot} released by {actor} (entry #{seq})",
        "Lot {lot} libéré par {actor} (entrée no {seq})",
    ),
    "quarantined-by": (
        "Lot {lot} quarantined by {actor} (entry #{seq})",
        "Lot {lot} mis en quarantaine par {actor} (entrée no {seq})",
    ),
    "verify-reason": ("  Reason: {reason}", "  Motif : {reason}"),
    "verify-single": (
        "  Single-pharmacist pharmacy: verified by the preparer",
        "  Pharmacie à un seul pharmacien : vérifié par la personne qui l'a préparé",
    ),
    "recorded-at": ("  Recorded at {at}", "  Inscrit {at}"),
    "moment": ("{date} {time}", "le {date} à {time}"),  # an entry's time, in UTC
    # -- complete ----------------------------------------------------------------------------
    "completed-entry": (
        "Lot {lot} completed (entry #{seq})",
        "Lot {lot} complété (entrée no {seq})",
    ),
    "check": (
        "  {ingredient}: {actual} for {expected} ({variance}, tolerance {tolerance}) {mark}",
        "  {ingredient} : {actual} pour {expected} ({variance}, tolérance {tolerance}) {mark}",
    ),
    "ok": ("ok", "conforme"),
    "out": ("OUT", "HORS TOLÉRANCE"),
    "exact-count": ("exact count", "nulle, compte exact"),  # "tolérance nulle, compte exact"
    "tolerance": ("±{percent} %", "±{percent} %"),
    "capsules": (
        "  Capsules: {sample} weighed, shell {shell}, {outside} outside {range}",
        "  Capsules : échantillon de {sample}, capsule vide {shell}, {outside} hors de "
        "l'intervalle {range}",
    ),
    "range": ("{low} to {high}", "de {low} à {high}"),
    "strength": (
        "  Strength made: {strength} ({percent} % of the label)",
        "  Teneur obtenue : {strength} ({percent} % de la teneur étiquetée)",
    ),
    "passed-line": (
        "PASSED: ready for a pharmacist's verification",
        "CONFORME : prêt pour la vérification par un pharmacien",
    ),
    # the reasons a completion fails, as log/lots.py stores them in English
    "fails-ingredient": (
        "{ingredient}: {actual} instead of {expected} ({variance}, tolerance {tolerance})",
        "{ingredient} : {actual} au lieu de {expected} ({variance}, tolérance {tolerance})",
    ),
    "fails-capsules": (
        "{outside} of {sample} capsules outside the net fill range {range} ({low}–{high} %)",
        "{outside} sur {sample} hors de l'intervalle de poids net de remplissage {range} "
        "({low}–{high} %)",
    ),
    "fails-strength": (
        "strength made {strength} is {percent} % of the label, outside {low}–{high} %",
        "la teneur obtenue, {strength}, est de {percent} % de la teneur étiquetée, hors de "
        "l'intervalle de {low} à {high} %",
    ),
    # -- audit -------------------------------------------------------------------------------
    "audit-ok": (
        "Audit of {where}: {entries} entries, the hash chain is intact.",
        "Audit de {where} : {counted}, la chaîne de hachage est intacte.",
    ),
    "audit-bad": (
        "Audit of {where}: entry #{seq} (lot {lot}) {problem}; {entries} entries read",
        "Audit de {where} : l'entrée no {seq} (lot {lot}) {problem}; entrées lues : {entries}",
    ),
    # what log/chain.py finds wrong with an entry, as it says it in English
    "chain-missing": (
        "follows entry {seq}: an entry is missing",
        "suit l'entrée no {seq} : une entrée manque",
    ),
    "chain-unlinked": (
        "does not follow the previous entry's hash",
        "ne suit pas le hachage de l'entrée précédente",
    ),
    "chain-changed": (
        "does not match its hash: its content was changed",
        "ne correspond pas à son hachage : son contenu a été modifié",
    ),
    # -- reprint -----------------------------------------------------------------------------
    "reprinted": (
        "{document} reprinted: {path} (lot {lot})",
        "{document} réimprimée : {path} (lot {lot})",
    ),
    "stdout": ("standard output", "sortie standard"),  # a FILE of -
    "label": ("label", "étiquette"),
    "record": ("record", "fiche"),
    "leaflet": ("leaflet", "feuille d'information"),  # feminine, as "réimprimée"
    # -- ldncalc config ----------------------------------------------------------------------
    "profile-written": ("pharmacy profile written: {path}", "profil de pharmacie écrit : {path}"),
}

# a lot's status (ldncalc.log.lots.STATUSES) as a person reads it
_STATUS: dict[str, tuple[str, str]] = {status: (status, fr) for status, fr in STATUS_FR.items()}


def say(v: Voice, key: str, **values: Any) -> str:
    """The log screen's words ``key`` in ``v``'s language, its fields filled with ``values``."""
    english, french = LOG_SCREEN[key]
    return (french if v.fr else english).format(**values)


def heads(v: Voice) -> tuple[str, ...]:
    """The column heads of a table of lots."""
    return tuple(say(v, "heads").split("|"))


def status(v: Voice, name: str) -> str:
    """A lot's status in words (``released``; French ``libéré``)."""
    english, french = _STATUS.get(name, (name, name))
    return french if v.fr else english


def entries_counted(v: Voice, count: int) -> str:
    """A count of entries by the language's plural rule (``1 entrée``, ``3 entrées``)."""
    from ldncalc.formatting import format_count_in

    return format_count_in(count, _ENTRY[1] if v.fr else _ENTRY[0], v.lang)


_ENTRY = (("entry", "entries"), ("entrée", "entrées"))


def chain_problem(v: Voice, problem: str) -> str:
    """What the hash chain's check found (log/chain.py says it in English), in words."""
    if not v.fr:
        return problem
    for key in ("chain-unlinked", "chain-changed"):
        if problem == LOG_SCREEN[key][0]:
            return say(v, key)
    before, _, after = LOG_SCREEN["chain-missing"][0].partition("{seq}")
    seq = problem.removeprefix(before).removesuffix(after)
    if problem.startswith(before) and problem.endswith(after) and seq.isdigit():
        return say(v, "chain-missing", seq=seq)
    return problem
