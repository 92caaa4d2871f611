"""Reference catalogs, read from ``formulations/catalogs/*.toml``: capsule sizes, fillers,
oral syringes and naltrexone API forms. A pharmacy's own ``catalogs/`` folder adds entries or
replaces built-in ones with the same name or id (the syringes it actually stocks, say)."""

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ldncalc.checks import PlainText, Text
from ldncalc.messages import Message, record_text
from ldncalc.quantities import Concentration, Mass, MolarMass, Percent, Volume
from ldncalc.units import ML, Qty

# docs/basis.md §7: do not measure below about 20 % of a device's capacity (USP <1176>
# practice); volumes at or below about 0.1–0.2 mL are not measured reliably in a 1 mL syringe
# (Arenas-López, Arch Dis Child 2017;102:655). A syringe's catalog ``minimum`` may sit lower
# (0.1 mL on the 1 mL syringe, for published 0.1 mL schedules): such a dose is measured, but
# never chosen when another concentration avoids it, and always with a warning.
RELIABLE_FRACTION = Decimal("0.2")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CatalogTranslation(_Entry):
    """An entry's own text in French (its ``fr`` table), beside the English: each field given
    replaces the English one for a French reader (name, caution, reason to avoid)."""

    name: Text | None = None
    caution: PlainText | None = None
    avoid: PlainText | None = None


Shell = Literal["gelatin", "hpmc"]  # what an empty hard capsule is made of
SHELLS: tuple[Shell, ...] = ("gelatin", "hpmc")


class CapsuleSize(_Entry):
    """A hard capsule size, the volume it holds and the typical weight of its empty shell by
    material (docs/basis.md §4; a filled capsule weighs its powder plus its shell)."""

    name: Text
    volume: Volume
    shell_weight: dict[Shell, Mass] = {}


class Filler(_Entry):
    """A capsule filler. ``avoid`` gives the reason a filler must not be used for LDN."""

    id: Text
    name: Text
    bulk_density: Concentration
    density_low: Concentration | None = None
    density_high: Concentration | None = None
    caution: PlainText = ""
    avoid: PlainText = ""
    source: Text
    fr: CatalogTranslation | None = None


class Syringe(_Entry):
    """An oral syringe: what it holds, its marks, and the least it measures reliably."""

    name: Text
    capacity: Volume
    graduation: Volume
    minimum: Volume

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.graduation <= self.minimum <= self.capacity:
            raise ValueError("needs graduation ≤ minimum ≤ capacity")
        return self

    @cached_property
    def millilitres(self) -> tuple[Decimal, Decimal, Decimal]:
        """Capacity, graduation and minimum as exact numbers of mL (for the syringe search)."""
        return (self.capacity.m_as(ML), self.graduation.m_as(ML), self.minimum.m_as(ML))

    def holds(self, volume: Qty) -> bool:
        """Whether a dose of ``volume`` fits and is at or above the syringe's minimum."""
        return bool(self.minimum <= volume <= self.capacity)

    @cached_property
    def reliable_minimum(self) -> Qty:
        """The least volume measured reliably: :data:`RELIABLE_FRACTION` of the capacity, and
        never below ``minimum`` (0.2 mL in a 1 mL syringe)."""
        return max(self.minimum, (self.capacity * RELIABLE_FRACTION).to(self.capacity.units))

    def reliable(self, volume: Qty) -> bool:
        """Whether ``volume`` is at or above :attr:`reliable_minimum`."""
        return bool(volume >= self.reliable_minimum)


class ApiForm(_Entry):
    """A form of naltrexone powder (salt and hydrate) with its molar mass."""

    id: Text
    name: Text
    molar_mass: MolarMass
    anhydrous: str | None = None  # a hydrate: the id of the form without its water
    water: Percent | None = None  # a hydrate: its water in theory (the dihydrate 8.7 %)
    source: Text
    fr: CatalogTranslation | None = None


class Catalog(BaseModel):
    """Every reference catalog, merged from the built-in folder and a pharmacy's."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    capsule_sizes: tuple[CapsuleSize, ...] = Field(min_length=1)
    fillers: tuple[Filler, ...] = Field(min_length=1)
    syringes: tuple[Syringe, ...] = Field(min_length=1)
    api_forms: tuple[ApiForm, ...] = Field(min_length=1)

    def capsule_size(self, name: str) -> CapsuleSize | None:
        return next((s for s in self.capsule_sizes if s.name == name), None)

    def filler(self, filler_id: str) -> Filler | None:
        return next((f for f in self.fillers if f.id == filler_id), None)

    def api_form(self, form_id: str) -> ApiForm | None:
        return next((f for f in self.api_forms if f.id == form_id), None)

    @cached_property
    def syringes_by_size(self) -> Sequence[Syringe]:
        """Syringes from the smallest capacity up, the finer marks first at equal capacity."""
        return sorted(self.syringes, key=lambda s: (s.capacity, s.graduation))


def catalog_texts(catalog: Catalog) -> dict[str, Message]:
    """The text of the fillers and API forms (name, caution, reason to avoid), by its English,
    as records carrying every language the catalog gives (code ``record-text``)."""
    found: dict[str, Message] = {}
    entries: tuple[Filler | ApiForm, ...] = (*catalog.fillers, *catalog.api_forms)
    for entry in entries:
        for field in ("name", "caution", "avoid"):
            english = getattr(entry, field, "")
            if english:
                french = getattr(entry.fr, field, None) if entry.fr is not None else None
                found.setdefault(english, record_text(english, french))
    return found


# (TOML table name, Catalog field, key that identifies an entry)
CATALOG_TABLES = (
    ("capsule_size", "capsule_sizes", "name"),
    ("filler", "fillers", "id"),
    ("syringe", "syringes", "name"),
    ("api_form", "api_forms", "id"),
)


def catalog_files(folder: Path) -> list[Path]:
    """The catalog files of one formulations folder, in name order."""
    return sorted((folder / "catalogs").glob("*.toml"))
