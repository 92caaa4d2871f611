"""The results ldncalc returns: validated pydantic models whose JSON is the CLI's ``--json``.

The engine builds them from values it has read and checked or computed itself, without pydantic
checking each again (:func:`ldncalc.messages.built`); a result read back from JSON, or made by
a caller, is validated as any model is.

Every quantity is a named quantity type (``Mass``, ``Volume``…), serialized as
``{"value": 4.5, "unit": "mg"}``; every figure is traceable through ``steps`` (the calculation
with units), ``formulation`` (the record used) and ``bud`` (the basis of the beyond-use date).
"""

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, SerializationInfo, field_serializer

from ldncalc.bud import BeyondUse
from ldncalc.formulations import Formulation
from ldncalc.messages import Message, Step, method_words
from ldncalc.preparations.capsule.aliquot import AliquotPlan
from ldncalc.preparations.dilution_plan import DilutionPlan
from ldncalc.quantities import (
    Concentration,
    Mass,
    MolarMass,
    Number,
    Percent,
    SignedPercent,
    Strength,
    Volume,
)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class FormulationUsed(_Result):
    """Which master formulation record a result was made to, and from which file."""

    id: str
    name: str
    version: int
    path: str
    builtin: bool

    @classmethod
    def of(cls, record: Formulation) -> Self:
        return cls(
            id=record.id,
            name=record.name,
            version=record.version,
            path=record.path,
            builtin=record.builtin,
        )


class Amount(_Result):
    """What to take of one ingredient: a count of tablets (with the drug they hold, or the
    crushed powder to weigh from them), a mass, a volume, or "to" a final volume (qs)."""

    name: str
    role: Literal["active", "vehicle", "excipient", "filler"]
    function: str = ""
    tablets: int | None = None
    mass: Mass | None = None
    volume: Volume | None = None
    powder: Mass | None = None
    qs_to: Volume | Mass | None = None  # a liquid's volume, a cream's weight
    diluent: bool = False  # for the vehicle a stock is diluted with, not for the stock
    # the active's drug that reaches the container dispensed: less than ``mass`` when only part
    # of a stock goes into the bottle (a serial dilution)
    drug_dispensed: Mass | None = None
    # what reaches the batch: weighed as this aliquot of the aliquot method's last mixture
    # (which holds ``mass`` or ``powder``), and the naltrexone HCl it brings
    aliquot: Mass | None = None
    drug: Mass | None = None


class SyringeUsed(_Result):
    """The oral syringe to dispense, with its marks."""

    name: str
    capacity: Volume
    graduation: Volume


class _Preparation(_Result):
    """What every preparation result carries: the record it was made to, the supply, what to
    take, the BUD, and the traceability (warnings, notes, calculation steps, method)."""

    formulation: FormulationUsed
    dosage_form: str
    doses_per_day: int
    days_supply: int
    ingredients: tuple[Amount, ...]
    container: str
    bud: BeyondUse
    auxiliary_labels: tuple[str, ...]
    # records (ldncalc.messages): a code, its parameters and the input it concerns; no words
    warnings: tuple[Message, ...]
    notes: tuple[Message, ...]
    steps: tuple[Step, ...]
    method: tuple[Message | str, ...]  # the record's own text, and the engine's lines
    quality_checks: tuple[str, ...]

    @field_serializer("method")
    def _method_words(
        self, method: tuple[Message | str, ...], info: SerializationInfo
    ) -> list[str]:
        """The method as text, as it always was (the engine's lines in words)."""
        return method_words(method, info)


class LiquidResult(_Preparation):
    """An oral liquid: what to make from how many tablets, the dose volume and syringe.

    ``drug`` is the naltrexone HCl in the bottle dispensed: ``tablets`` × ``tablet_strength``,
    except for a serial ``dilution``, whose tablets make a stock and whose bottle holds only
    the final dilution's doses (``final_volume`` × ``concentration``)."""

    kind: Literal["liquid"] = "liquid"
    target: Mass
    concentration: Concentration
    tablet_strength: Mass
    drug_needed: Mass | None
    tablets: int
    drug: Mass
    final_volume: Volume
    dose_volume: Volume
    dose_volume_calculated: Volume
    dose_measured: Mass
    dose_deviation: SignedPercent  # measured − calculated dose volume, % of calculated
    syringe: SyringeUsed
    doses: int  # whole doses in the bottle with the spare left over
    doses_volume: Volume  # doses × dose volume: the volume for the doses
    spare: Volume  # final volume − volume for the doses: never taken (docs/basis.md §3)
    spare_minimum: Volume  # the spare the formulation record asks for, for these doses
    dilution: DilutionPlan | None = None  # a dose only a serial dilution measures


class CapsuleResult(_Preparation):
    """A batch of capsules: what to weigh, the filler, the fill weight and its range.

    ``api_weight`` (or ``powder_weight`` from tablets) is the drug powder the batch holds;
    ``filler_weight`` is the filler weighed into the batch. Without an aliquot, drug powder +
    filler = batch × fill weight. With an ``aliquot`` (drug below the minimum weighable
    quantity), the aliquot brings its own filler: aliquot + filler = batch × fill weight.
    ``tablets`` are the whole tablets that hold the batch's drug; ``tablets_to_crush`` (and
    the active ingredient's ``tablets``) the ones to crush, which can be more (a margin for
    losses in the mortar, or enough powder for an aliquot)."""

    kind: Literal["capsule"] = "capsule"
    strength: Mass
    quantity: int
    overage: int
    batch: int
    source: Literal["api", "tablets"]
    capsule_size: str
    capsule_volume: Volume
    filler: str
    filler_bulk_density: Concentration | None
    packing_statistic: Mass
    packing_statistic_estimated: bool
    api_form: str | None
    api_molar_mass: MolarMass | None
    salt_factor: Number | None  # molar mass of the form assayed ÷ that of naltrexone HCl
    assay: Percent | None
    # the certificate of analysis: what the assay is expressed as, on which basis, the water
    assay_expressed_as: str | None = None
    assay_basis: Literal["as-is", "anhydrous"] | None = None
    water: SignedPercent | None = None  # 0 % is a figure a certificate can state
    api_factor: Number | None = None  # mg of naltrexone HCl in 1 mg of API powder as weighed
    api_weight: Mass | None
    tablet_strength: Mass | None
    tablet_weight: Mass | None
    tablets: int | None
    tablets_to_crush: int | None  # ≥ tablets: a margin for mortar losses, or for an aliquot
    powder_weight: Mass | None
    active_per_capsule: Mass
    filler_weight: Mass
    fill_weight: Mass  # net: the powder in one capsule, without its shell
    fill_weight_low: Mass
    fill_weight_high: Mass
    # the empty shell (material; weight weighed, from the profile or typical) and the gross
    # weight of a filled capsule: net + shell (None when no shell weight is known)
    shell: Literal["gelatin", "hpmc"] = "gelatin"
    shell_weight: Mass | None = None
    shell_weight_source: Literal["weighed", "profile", "typical"] | None = None
    gross_weight: Mass | None = None
    gross_weight_low: Mass | None = None
    gross_weight_high: Mass | None = None
    total_weight: Mass
    minimum_weighable: Mass
    aliquot: AliquotPlan | None = None  # active powder below the minimum weighable


class DropsResult(_Preparation):
    """Sublingual drops from API powder (``ldncalc drops``): the dose as whole drops of a
    calibrated dropper, the concentration, the powder to weigh and the volumes (docs/basis.md
    §9). ``final_volume`` is dispensed; ``batch_volume`` is made (more when the powder for
    the bottle alone is below the minimum weighable quantity)."""

    kind: Literal["drops"] = "drops"
    target: Mass
    drop_volume: Volume  # the pharmacy's calibration of the dropper dispensed
    drops: int  # drops a dose
    concentration: Concentration
    concentration_maximum: Concentration  # the record's, below the solubility
    dose_measured: Mass  # drops × drop volume × concentration
    dose_deviation: SignedPercent  # measured − target, % of target (within 5 %)
    doses: int
    doses_volume: Volume
    spare: Volume
    final_volume: Volume
    batch_volume: Volume
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number  # mg of naltrexone HCl in 1 mg of API powder as weighed
    api_weight: Mass
    minimum_weighable: Mass


class CreamResult(_Preparation):
    """A topical cream made by weight from API powder (``ldncalc cream``): every ingredient
    weighed, the base made up "to" the total weight (docs/basis.md §9: the USP compounded
    monograph's formula). ``dose`` is the cream applied each time; with a metered pump,
    ``pumps`` actuations of ``pump_volume`` (the record's) deliver it."""

    kind: Literal["cream"] = "cream"
    strength: Strength
    quantity: Mass  # made and dispensed
    dose: Mass
    dose_drug: Mass  # naltrexone HCl in one application
    pump_volume: Volume | None = None
    pumps: int | None = None
    applications: int  # whole applications in the quantity
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number
    api_weight: Mass
    base_weight: Mass  # what the base weighs, made up to the total
    minimum_weighable: Mass


class ApiLiquidResult(_Preparation):
    """An oral liquid from API powder (``ldncalc liquid --source api``): a solution below the
    solubility (docs/basis.md §9, §1), measured with an oral syringe as a liquid from
    tablets, with the same spare (§3); the powder weighed by the certificate's factor.
    ``final_volume`` is dispensed; ``batch_volume`` is made (more, as a stock solution part
    of which fills the bottle, when the powder for the bottle alone is below the minimum
    weighable quantity: §8)."""

    kind: Literal["liquid-api"] = "liquid-api"
    target: Mass
    concentration: Concentration
    dose_volume: Volume
    dose_measured: Mass
    dose_deviation: SignedPercent
    syringe: SyringeUsed
    doses: int
    doses_volume: Volume
    spare: Volume
    spare_minimum: Volume
    final_volume: Volume
    batch_volume: Volume
    drug: Mass  # naltrexone HCl in the batch
    api_form: str
    assay: Percent
    api_factor: Number
    api_weight: Mass
    minimum_weighable: Mass


Result = LiquidResult | CapsuleResult | DropsResult | CreamResult | ApiLiquidResult
