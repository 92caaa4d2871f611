"""Beyond-use dating: the USP <795> categories and the BUD a preparation gets.

USP <795> (in force since 1 Nov 2023), used when there is no monograph and no
preparation-specific stability data (docs/basis.md §5; PCCA blog on the <795> changes,
US Pharmacist 2022, Fagron Academy):

=======================  ========  ============================================
category                 maximum   storage
=======================  ========  ============================================
aqueous-nonpreserved     14 days   refrigerator 2–8 °C
aqueous-preserved        35 days   controlled room temperature or refrigerator
nonaqueous-liquid        90 days   controlled room temperature or refrigerator
nonaqueous-solid         180 days  controlled room temperature or refrigerator
=======================  ========  ============================================

The pre-2023 table (14/30/180 days) that some free tools still print is deliberately absent.
A formulation may give a longer BUD only with ``evidence``: a preparation-specific study
(stability-indicating assay; antimicrobial effectiveness for aqueous forms).
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ldncalc import formatting
from ldncalc.checks import PlainText, Text
from ldncalc.errors import FormulationError, UnsafeInputError
from ldncalc.messages import Message

Category = Literal[
    "aqueous-nonpreserved", "aqueous-preserved", "nonaqueous-liquid", "nonaqueous-solid"
]
Storage = Literal["refrigerate", "room-temperature", "room-temperature-or-refrigerate"]

USP_795_MAXIMUM_DAYS: dict[str, int] = {
    "aqueous-nonpreserved": 14,
    "aqueous-preserved": 35,
    "nonaqueous-liquid": 90,
    "nonaqueous-solid": 180,
}
STORAGE_TEXT = {
    "refrigerate": "Refrigerate at 2–8 °C",
    "room-temperature": "Store at controlled room temperature, 20–25 °C",
    "room-temperature-or-refrigerate": "Store at 20–25 °C or in a refrigerator at 2–8 °C",
}
# USP <795> (docs/basis.md §5): a preparation with a water activity of 0.6 or more is aqueous
AQUEOUS_WATER_ACTIVITY = Decimal("0.6")
# USP <795>: aqueous nonpreserved preparations must be refrigerated.
_STORAGE_ALLOWED: dict[str, tuple[str, ...]] = {
    "aqueous-nonpreserved": ("refrigerate",),
}


class BudRecord(BaseModel):
    """The BUD section of a master formulation record."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    days: int = Field(gt=0, le=365)  # ldncalc default: at most a year even with evidence
    category: Category
    storage: Storage
    evidence: PlainText = ""
    references: tuple[Text, ...] = ()
    # the preparation's measured water activity (aw): a nonaqueous liquid must state it
    water_activity: Decimal | None = Field(default=None, ge=0, le=1)

    @model_validator(mode="after")
    def _within_usp_795(self) -> Self:
        # refused with a code (placed at the record's `bud` by the loader), said in the
        # reader's language
        aw, category = self.water_activity, self.category
        if aw is not None and (aw >= AQUEOUS_WATER_ACTIVITY) != category.startswith("aq"):
            raise FormulationError(
                "bud", None, code="bud-water-activity-contradicts", place=True,
                category=category, water_activity=aw, aqueous=aw >= AQUEOUS_WATER_ACTIVITY,
                limit=AQUEOUS_WATER_ACTIVITY,
            )  # fmt: skip
        maximum = USP_795_MAXIMUM_DAYS[category]
        if self.days > maximum and not self.evidence:
            raise FormulationError(
                "bud", None, code="bud-above-usp-795", place=True,
                days=self.days, maximum=maximum, category=category,
            )  # fmt: skip
        if self.storage not in _STORAGE_ALLOWED.get(category, (self.storage,)):
            raise FormulationError(
                "bud", None, code="bud-must-refrigerate", place=True, category=category
            )
        return self


class BeyondUse(BaseModel):
    """The BUD a result carries: how long, how to store, and why."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    days: int
    storage: str  # as a person reads it: "Refrigerate at 2–8 °C"
    storage_condition: Storage  # the same as a key, for translations
    category: Category
    basis: Message  # why this many days (code bud-basis): USP <795>'s category, or a study
    references: tuple[str, ...]


def beyond_use(record: BudRecord) -> BeyondUse:
    """The BUD of a preparation made to a formulation, with its basis as a record: the USP
    <795> category's maximum, a shorter BUD, or a longer one with the record's evidence."""
    maximum = USP_795_MAXIMUM_DAYS[record.category]
    basis = Message(
        code="bud-basis",
        params={
            "category": record.category,
            "days": record.days,
            "maximum": maximum,
            # the record's own text, in English (a record has no French evidence yet)
            "evidence": record.evidence if record.days != maximum and record.evidence else None,
        },
    )
    return BeyondUse(
        days=record.days,
        storage=STORAGE_TEXT[record.storage],
        storage_condition=record.storage,
        category=record.category,
        basis=basis,
        references=record.references,
    )


# --- The BUD as a calendar date (labels and compounding records) -----------------------------

# A date as a person reads it (``06 Dec 2026``, French from CLDR): the one formatter's.
format_date = formatting.format_date


class BudDate(BaseModel):
    """The BUD of one compounded lot as a date: the day after which it is discarded.

    ``days`` counts from the compounding date (USP <795>: from the day compounding starts);
    ``limited_by`` names the ingredient whose expiry made it earlier than the formulation's BUD.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)

    compounded: datetime.date
    date: datetime.date
    days: int
    formulation_days: int
    limited_by: str | None = None


def bud_date(
    compounded: datetime.date,
    days: int,
    expiries: Mapping[str, datetime.date] | None = None,
) -> BudDate:
    """The BUD date: ``compounded`` + ``days``, but never after the earliest ingredient expiry.

    USP <795> (2023): the BUD is counted from the day compounding starts and never exceeds the
    earliest expiration date of any ingredient (docs/basis.md §5). ``expiries`` maps an
    ingredient's name to the expiry date on its container; an ingredient that expires on or
    before the compounding day cannot be used (:class:`UnsafeInputError`).
    """
    if days <= 0:
        raise ValueError(f"BUD days must be positive, not {days}")
    latest = compounded + datetime.timedelta(days=days)
    limited_by = None
    for name, expiry in sorted((expiries or {}).items(), key=lambda item: item[1]):
        if expiry <= compounded:
            raise UnsafeInputError(
                "expiry",
                f"{name}={expiry.isoformat()}",
                code="ingredient-expired",
                ingredient=name,
                expiry=expiry,
                compounded=compounded,
            )
        if expiry < latest:
            latest, limited_by = expiry, name
    return BudDate(
        compounded=compounded,
        date=latest,
        days=(latest - compounded).days,
        formulation_days=days,
        limited_by=limited_by,
    )
