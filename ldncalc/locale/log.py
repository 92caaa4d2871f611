"""The words of the compounding log's refusals (ldncalc/log/): registering, completing,
verifying and finding a lot, and opening the log itself.

« Registre des préparations » is the compounding log; a lot is « libéré » (released) or « mis
en quarantaine » (quarantined) by the pharmacist who verifies it.
"""

from ldncalc.locale import Params, Voice, words
from ldncalc.locale._fixed import fixed

_LOG_EN, _LOG_FR = "the compounding log", "le registre des préparations"
# a lot's status as `ldncalc log list --status` takes it, in French words
STATUS_FR = {
    "awaiting completion": "en attente des quantités pesées",
    "completed": "complété",
    "failed": "non conforme",
    "released": "libéré",
    "quarantined": "mis en quarantaine",
}
_LOCATION_FIX = (
    "give a file path or postgresql://USER@HOST/DATABASE",
    "donnez un chemin de fichier ou postgresql://UTILISATEUR@HÔTE/BASE",
)
_A_LOG_FIX = (
    "give the path of a log, or a new file",
    "donnez le chemin d'un registre, ou un nouveau fichier",
)

for _code, _english, _french in (
    # --- registering -----------------------------------------------------------------------
    (
        "ingredient-lot-unnamed",
        (
            "does not name an ingredient",
            "write INGREDIENT=LOT, e.g. {--ingredient-lot naltrexone=NX2291}",
        ),
        (
            "ne nomme aucun ingrédient",
            "écrivez INGRÉDIENT=LOT, par exemple {--ingredient-lot naltrexone=NX2291}",
        ),
    ),
    (
        "ingredient-lot-twice",
        ("is a second lot for {name}", "give one per ingredient"),
        ("est un deuxième lot de {name}", "donnez-en un par ingrédient"),
    ),
    (
        "log-lot-exists",
        (
            f"is already in {_LOG_EN}",
            "give a new lot number, or leave {--lot} out for a new one",
        ),
        (
            f"figure déjà dans {_LOG_FR}",
            "donnez un nouveau numéro de lot, ou omettez {--lot} pour en obtenir un nouveau",
        ),
    ),
    (
        "log-lot-unknown",
        (f"is not in {_LOG_EN}", "see 'ldncalc log list'"),
        (f"ne figure pas dans {_LOG_FR}", "voyez 'ldncalc log list'"),
    ),
    # --- completing ------------------------------------------------------------------------
    (
        "log-lot-completed",
        (
            "is already completed (entry {entry})",
            'to correct it, complete it again with {--correction "REASON"}',
        ),
        (
            "est déjà complété (entrée {entry})",
            'pour le corriger, complétez-le de nouveau avec {--correction "MOTIF"}',
        ),
    ),
    (
        "log-correction-nothing",
        ("corrects nothing: the lot is not completed", ""),
        ("ne corrige rien : le lot n'est pas complété", ""),
    ),
    (
        "actual-unnamed",
        ("does not name an ingredient", "write INGREDIENT=QUANTITY"),
        ("ne nomme aucun ingrédient", "écrivez INGRÉDIENT=QUANTITÉ"),
    ),
    (
        "actual-twice",
        ("is a second quantity for {name}", "give one"),
        ("est une deuxième quantité de {name}", "donnez-en une seule"),
    ),
    (
        "log-capsule-weight-liquid",
        ("is for capsules only", "leave it out: this lot is not capsules"),
        ("ne vaut que pour les capsules", "omettez-la : ce lot n'est pas en capsules"),
    ),
    (
        "actual-nothing-to-compare",
        ("has no quantity to compare with in the stored result", ""),
        ("n'a aucune quantité à laquelle se comparer dans le résultat enregistré", ""),
    ),
    (
        "log-capsule-weight-needed",
        (
            "is needed for capsules (and {--shell-weight} when the record has no shell weight)",
            "weigh a sample of filled capsules: {--capsule-weight 250mg} (repeatable) "
            "{--shell-weight 48mg}",
        ),
        (
            "est nécessaire pour des capsules (et {--shell-weight} quand la fiche ne donne pas "
            "le poids de la capsule vide)",
            "pesez un échantillon de capsules remplies : {--capsule-weight 250mg} (répétable) "
            "{--shell-weight 48mg}",
        ),
    ),
    # --- verifying -------------------------------------------------------------------------
    (
        "pharmacist-required",
        ("is required", "give {--pharmacist NAME}"),
        ("est obligatoire", "donnez {--pharmacist NOM}"),
    ),
    (
        "reject-empty",
        ("is empty", 'give the reason: {--reject "REASON"}'),
        ("est vide", 'donnez le motif : {--reject "MOTIF"}'),
    ),
    (
        "log-lot-not-completed",
        (
            "is not completed: it cannot be released",
            "record what was weighed first: 'ldncalc log complete {lot} --actual …'",
        ),
        (
            "n'est pas complété : il ne peut pas être libéré",
            "inscrivez d'abord ce qui a été pesé : 'ldncalc log complete {lot} --actual …'",
        ),
    ),
    (
        "log-lot-failed",
        (
            "failed its checks ({reason}): it cannot be released",
            'quarantine it: ldncalc log verify {lot} --pharmacist NAME --reject "REASON" (or, '
            'if a quantity was typed wrong, complete it again with --correction "REASON")',
        ),
        (
            "n'a pas réussi ses contrôles ({reason_fr}) : il ne peut pas être libéré",
            "mettez-le en quarantaine : ldncalc log verify {lot} --pharmacist NOM --reject "
            '"MOTIF" (ou, si une quantité a été mal tapée, complétez-le de nouveau avec '
            '--correction "MOTIF")',
        ),
    ),
    (
        "log-pharmacist-prepared",
        (
            "prepared this lot and cannot verify it",
            "have another pharmacist verify it (a single-pharmacist pharmacy sets "
            "single_pharmacist = true under [log] in its profile)",
        ),
        (
            "a préparé ce lot et ne peut pas le vérifier",
            "faites-le vérifier par un autre pharmacien (une pharmacie où un seul pharmacien "
            "travaille inscrit single_pharmacist = true sous [log] dans son profil)",
        ),
    ),
    # --- finding ---------------------------------------------------------------------------
    (
        "recall-needs-what",
        (
            "is required (or {--formulation}, or {--lot})",
            "e.g. ldncalc log recall --ingredient-lot NX2291",
        ),
        (
            "est obligatoire (ou {--formulation}, ou {--lot})",
            "par exemple ldncalc log recall --ingredient-lot NX2291",
        ),
    ),
    (
        "export-format-unknown",
        ("is not an export format", "use csv or jsonl"),
        ("n'est pas un format d'exportation", "utilisez csv ou jsonl"),
    ),
    (
        "log-lot-no-profile",
        ("was registered without a pharmacy profile: no document to reprint", ""),
        (
            "a été inscrit sans profil de pharmacie : aucun document à réimprimer",
            "",
        ),
    ),
    # --- the log itself --------------------------------------------------------------------
    ("log-location-empty", ("is empty", _LOCATION_FIX[0]), ("est vide", _LOCATION_FIX[1])),
    (
        "log-location-not-postgresql",
        ("is not a PostgreSQL URL", _LOCATION_FIX[0]),
        ("n'est pas une URL PostgreSQL", _LOCATION_FIX[1]),
    ),
    (
        "log-location-not-sqlite",
        ("is not an SQLite URL", "write sqlite:///PATH"),
        ("n'est pas une URL SQLite", "écrivez sqlite:///CHEMIN"),
    ),
    (
        "log-location-scheme",
        ('is a "{scheme}:" URL, not a log ldncalc can keep', _LOCATION_FIX[0]),
        (
            "est une URL « {scheme}: », pas un registre qu'ldncalc peut tenir",
            _LOCATION_FIX[1],
        ),
    ),
    (
        "log-file-missing",
        (
            "does not exist",
            "check the path (a log is created by the first label or record issued)",
        ),
        (
            "n'existe pas",
            "vérifiez le chemin (un registre est créé par la première étiquette ou fiche émise)",
        ),
    ),
    (
        "log-not-a-file",
        ("is not a file", "give the path of a log file"),
        ("n'est pas un fichier", "donnez le chemin d'un fichier de registre"),
    ),
    (
        "log-file-shared",
        (
            "may be read by other users (permissions {permissions}): it holds patient data",
            "make it the owner's alone: chmod 600 {path}",
        ),
        (
            "peut être lu par d'autres utilisateurs (permissions {permissions}) : il contient "
            "des données de patients",
            "réservez-le à son propriétaire : chmod 600 {path}",
        ),
    ),
    (
        "log-no-psycopg",
        ("is a PostgreSQL log, and psycopg is not installed", "install ldncalc[postgres]"),
        (
            "est un registre PostgreSQL, et psycopg n'est pas installé",
            "installez ldncalc[postgres]",
        ),
    ),
    (
        "log-postgresql-url-invalid",
        ("is not a valid PostgreSQL URL ({reason})", ""),
        ("n'est pas une URL PostgreSQL valide ({reason})", ""),
    ),
    (
        "log-not-a-log",
        ("is a database, but not an ldncalc compounding log", _A_LOG_FIX[0]),
        (
            "est une base de données, mais pas un registre des préparations ldncalc",
            _A_LOG_FIX[1],
        ),
    ),
    (
        "log-not-sqlite",
        ("is not an ldncalc compounding log (not an SQLite database)", _A_LOG_FIX[0]),
        (
            "n'est pas un registre des préparations ldncalc (pas une base de données SQLite)",
            _A_LOG_FIX[1],
        ),
    ),
    (
        "log-cannot-open",
        ("cannot be opened ({reason})", "check the file's permissions and folder"),
        (
            "ne peut pas être ouvert ({reason})",
            "vérifiez les permissions du fichier et son dossier",
        ),
    ),
    (
        "log-cannot-use",
        ("cannot be used ({reason})", ""),
        ("ne peut pas être utilisé ({reason})", ""),
    ),
    (
        "log-unreachable",
        (
            "cannot be reached ({reason})",
            "check that the server runs and the URL is right",
        ),
        (
            "est injoignable ({reason})",
            "vérifiez que le serveur fonctionne et que l'URL est juste",
        ),
    ),
):
    fixed(_code, _english, _french)


def _status(p: Params, v: Voice) -> str:
    return STATUS_FR[p["status"]] if v.fr else str(p["status"])


@words("log-lot-final")
def _log_lot_final(p: Params, v: Voice) -> tuple[str, str]:
    # a released or quarantined lot takes no new completion
    if v.fr:
        return f"est déjà {_status(p, v)}", "un lot vérifié est définitif"
    return f"is already {p['status']}", "a verified lot is final"


@words("log-lot-verified")
def _log_lot_verified(p: Params, v: Voice) -> tuple[str, str]:
    # a lot is verified once: released or quarantined
    if v.fr:
        return (
            f"a déjà été {_status(p, v)} par {p['by']} (entrée no {p['entry']})",
            "un lot vérifié est définitif",
        )
    return (
        f"was already {p['status']} by {p['by']} (entry #{p['entry']})",
        "a verified lot is final",
    )


@words("actual-missing")
def _actual_missing(p: Params, v: Voice) -> tuple[str, str]:
    names = "; ".join(p["names"])
    if v.fr:
        return (
            f"manque pour {names}",
            "donnez la quantité réellement pesée ou mesurée de chaque ingrédient",
        )
    return (
        f"is missing for {names}",
        "give the quantity actually weighed or measured of every ingredient",
    )


@words("log-status-unknown")
def _log_status_unknown(p: Params, v: Voice) -> tuple[str, str]:
    statuses = ", ".join(p["statuses"])  # as the option takes them
    if v.fr:
        return "n'est pas un statut", f"utilisez l'un de : {statuses}"
    return "is not a status", f"use one of: {statuses}"


@words("log-schema-newer")
def _log_schema_newer(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"a été écrit par une version plus récente d'ldncalc (schéma {p['version']}; "
            f"celle-ci lit jusqu'au schéma {p['supported']})",
            "mettez ldncalc à jour",
        )
    return (
        f"was written by a newer ldncalc (log schema {p['version']}; this one reads up to "
        f"{p['supported']})",
        "upgrade ldncalc",
    )


@words("log-append-only")
def _log_append_only(p: Params, v: Voice) -> tuple[str, str]:
    # the database's own refusal of an UPDATE or DELETE (a trigger), as the driver gave it
    if v.fr:
        return "le registre des préparations ne fait qu'ajouter : ajoutez une correction", ""
    return str(p["text"]), ""


@words("log-busy")
def _log_busy(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"est occupé : un autre processus l'a retenu {v.n(p['seconds'])} s", "réessayez"
    return f"is busy: another process held it for {v.n(p['seconds'])} s", "try again"
