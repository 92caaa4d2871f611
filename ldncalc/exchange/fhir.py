"""A result as HL7 FHIR: a ``Bundle`` of the compounded ``Medication``, the
``MedicationRequest`` and the ``MedicationDispense``, in FHIR R5 or R4B (most US systems run
R4, which R4B reads), validated with fhir.resources before it is written.

- ``Medication``: each ingredient with ``isActive`` and its strength as a ``Ratio`` in UCUM
  units (the active: mg per mL of a liquid, mg per capsule; an excipient: its amount per final
  volume or per capsule; a vehicle or filler made up to volume (qs) has no strength), the dose
  form, and the ``batch``: the lot number and its expiration, the BUD date (docs/basis.md §5,
  USP <795>: counted from the compounding date).
- ``MedicationRequest`` and ``MedicationDispense`` with the dosage: the directions, once a day
  at bedtime (docs/basis.md §2) or the doses a day, by mouth, the dose to measure (a liquid's
  volume, 1 capsule). A titration is one ``Dosage`` per step, in sequence, each with its
  ``boundsPeriod`` (first and last day); each fill is its own ``Medication`` (its BUD date
  differs) and ``MedicationDispense``.

Every number is exact: the quantities' Decimals, rounded as the JSON of a result is (6
places), never a float. A file holds patient data (the patient's name, the Rx number): it is
written whole and owner-only (:func:`ldncalc.labels.files.write_atomic`).

fhir.resources is imported here only, when a FHIR file is asked for.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ldncalc.errors import InputError
from ldncalc.formatting import round_to, unit_symbol
from ldncalc.locale.phrases import Lang, phrases

if TYPE_CHECKING:
    from ldncalc.dosage_form import Supply
    from ldncalc.models import Amount, Result
    from ldncalc.prescriptions import Prescription
    from ldncalc.titration.models import ScheduleStep, TitrationResult
    from ldncalc.units import Qty

Version = Literal["R5", "R4B"]
VERSIONS: tuple[Version, ...] = ("R5", "R4B")

UCUM = "http://unitsofmeasure.org"
# HL7 v3 orderable drug form: the unit of a count of capsules (FHIR's own examples use it)
DRUG_FORM = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm"
SNOMED = "http://snomed.info/sct"
ORAL_ROUTE = {"system": SNOMED, "code": "26643006", "display": "Oral route"}
ROUTES = {  # a form's route (ldncalc.dosage_form.Supply), SNOMED CT
    "oral": ORAL_ROUTE,
    "sublingual": {"system": SNOMED, "code": "37839007", "display": "Sublingual route"},
    "topical": {"system": SNOMED, "code": "6064005", "display": "Topical route"},
}
# EDQM Standard Terms, units of presentation: a dose counted in drops or pump actuations
EDQM = "http://standardterms.edqm.eu"
COUNTED = {  # a counted unit (Supply.counted): its system, code and unit
    "capsule": (DRUG_FORM, "CAP", "capsule"),
    "drop": (EDQM, "15022000", "drop"),
    "pump": (EDQM, "15001000", "actuation"),
}

# ldncalc's own extension of a MedicationRequest: the order as ldncalc reads it back (`ldncalc
# batch`), what FHIR has no element for: the preparation (kind, source, formulation record),
# the dose prescribed (the Dosage holds the dose measured: a volume, drops, pumps), a drop's
# calibrated volume and drops a dose, a pump's actuation and a cream's dose. A fixed uuid URI:
# ldncalc has no web domain to name it by. Other systems ignore it, as FHIR lets them.
ORDER_EXTENSION = "urn:uuid:4c1f9a52-7d3e-5b8a-9f26-0e8d3c7b1a64"
# It holds the options as typed when they are known (`--fhir` on the command line), else each
# kind's options as its result holds them (the library's names; days: the days of supply).
ORDER_OPTIONS: dict[str, tuple[str, ...]] = {
    "liquid": ("target", "concentration", "tablet_strength", "days", "doses_per_day"),
    "liquid-api": ("target", "concentration", "days", "doses_per_day"),
    "capsule": ("strength", "quantity", "tablet_strength", "tablet_weight", "doses_per_day"),
    "drops": ("target", "drop_volume", "drops", "concentration", "days", "doses_per_day"),
    "cream": ("strength", "quantity", "dose", "pump_volume", "doses_per_day"),
}
# what the command line knows that is not the order: where the output goes
NOT_ORDERED = frozenset(("json", "fhir", "fhir_version", "formulations_dir"))

# ISMP symbol (ldncalc.formatting) -> UCUM code: "mcg" is the ISMP spelling of UCUM's "ug"
_UCUM = {"mcg": "ug", "mg": "mg", "g": "g", "mL": "mL", "L": "L", "mg/mL": "mg/mL", "mg/g": "mg/g"}
_NAMESPACE = uuid.UUID("0b9f4e0a-8a2c-4c1e-9d55-6c6e0c2d1a13")  # ldncalc's resource ids


def read_version(version: object) -> Version:
    """``version`` as typed (``R5``, ``r4b``), or :class:`InputError` naming ``fhir_version``."""
    if isinstance(version, str):
        for known in VERSIONS:
            if version.strip().upper() == known:
                return known
    raise InputError("fhir_version", version, code="fhir-version", versions=VERSIONS)


def fhir_bundle(
    result: Result | TitrationResult,
    *,
    fhir_version: str = "R5",
    details: Prescription | None = None,
    bud: datetime.date | None = None,
    lang: Lang | None = None,
    order: Mapping[str, object] | None = None,
) -> Any:
    """``result`` as a FHIR ``Bundle`` (a fhir.resources model of ``fhir_version``, validated).

    ``details`` (:func:`ldncalc.prescription`) gives the lot, the compounding date, the
    patient, the prescriber, the Rx number, the directions and the language of the text;
    without it the date is today and no lot is named. ``lang`` (``en``, ``fr``) is the
    language of the text when it is not the prescription's. ``bud`` is the lot's BUD date when it
    is not the compounding date + the result's BUD days (a label caps it at the earliest
    ingredient expiry: pass :attr:`ldncalc.Issued.bud` ``.date``). A titration's fills carry
    their own dates. ``order``: the options ``result`` was calculated from, as typed (the
    library's names), carried in ldncalc's order extension (:data:`ORDER_EXTENSION`) so that
    ``ldncalc batch`` reads back the same order; without it, the options ``result`` holds.
    """
    version = read_version(fhir_version)
    resources = _Resources(result, version, details, lang)
    if result.kind == "titration":
        resources.titration(result)
    else:
        resources.preparation(result, bud, order)
    from importlib import import_module

    bundle_class = import_module(_module(version, "bundle")).Bundle
    return bundle_class.model_validate(
        {"resourceType": "Bundle", "type": "collection", "entry": resources.entries}
    )


def fhir_json(
    result: Result | TitrationResult,
    *,
    fhir_version: str = "R5",
    details: Prescription | None = None,
    bud: datetime.date | None = None,
    lang: Lang | None = None,
    order: Mapping[str, object] | None = None,
) -> str:
    """The FHIR ``Bundle`` of ``result`` as JSON text (see :func:`fhir_bundle`)."""
    bundle = fhir_bundle(
        result, fhir_version=fhir_version, details=details, bud=bud, lang=lang, order=order
    )
    text: str = bundle.model_dump_json(indent=2, by_alias=True, exclude_none=True)
    return text + "\n"


def write_fhir(
    result: Result | TitrationResult,
    path: str | os.PathLike[str],
    *,
    fhir_version: str = "R5",
    details: Prescription | None = None,
    bud: datetime.date | None = None,
    lang: Lang | None = None,
    force: bool = False,
    option: str = "--fhir",
    order: Mapping[str, object] | None = None,
) -> Path:
    """Write the FHIR ``Bundle`` of ``result`` to ``path``: whole, owner-only, an existing file
    replaced only with ``force`` (:func:`ldncalc.labels.files.write_atomic`)."""
    from ldncalc.labels.files import write_atomic

    text = fhir_json(
        result, fhir_version=fhir_version, details=details, bud=bud, lang=lang, order=order
    )
    return write_atomic(path, text.encode("utf-8"), option=option, force=force)


def _module(version: Version, name: str) -> str:
    return f"fhir.resources.{name}" if version == "R5" else f"fhir.resources.R4B.{name}"


# --- Numbers and units ------------------------------------------------------------------------


def _number(value: Decimal | int) -> Decimal | int:
    """An exact number as a result's JSON writes it (6 places): an int when whole."""
    number = round_to(value, 6)
    return int(number) if number == number.to_integral() else number


def quantity(amount: Qty, unit: str | None = None) -> dict[str, Any]:
    """A FHIR ``Quantity`` in UCUM: ``{"value": 4.5, "unit": "mg", "system": …, "code":
    "mg"}`` (``unit``: an ISMP symbol to convert to first, e.g. ``"mg"``)."""
    if unit is not None:
        from ldncalc.units import ureg

        amount = amount.to(ureg.parse_units(_PINT[unit]))
    symbol = unit_symbol(amount)
    return {
        "value": _number(amount.magnitude),
        "unit": symbol,
        "system": UCUM,
        "code": _UCUM[symbol],
    }


_PINT = {"mg": "milligram", "mL": "milliliter", "mg/mL": "milligram / milliliter"}


def _capsules(count: int) -> dict[str, Any]:
    return _units(count, "capsule")


def _days(days: int) -> dict[str, Any]:
    return {"value": days, "unit": "days", "system": UCUM, "code": "d"}


def _ratio(numerator: dict[str, Any], denominator: dict[str, Any]) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator}


def _one(unit: str) -> dict[str, Any]:
    return {"value": 1, "unit": unit, "system": UCUM, "code": _UCUM[unit]}


# --- The resources ----------------------------------------------------------------------------


class _Resources:
    """The entries of one bundle, each with a fixed ``urn:uuid`` (the same result and
    prescription give the same file)."""

    def __init__(
        self,
        result: Result | TitrationResult,
        version: Version,
        details: Prescription | None,
        lang: Lang | None,
    ) -> None:
        self.version = version
        self.details = details
        self.lang: Lang = lang or (details.lang if details is not None else "en")
        self.compounded = details.compounded if details is not None else datetime.date.today()
        seed = result.model_dump_json(exclude={"formulation": {"path"}})
        if details is not None:
            seed += details.model_dump_json(exclude={"printed"})
        self.seed = hashlib.sha256(f"{version}{seed}{self.compounded}".encode()).hexdigest()
        self.entries: list[dict[str, Any]] = []
        self.patient = self._add(self._patient())

    def _add(self, resource: dict[str, Any]) -> str:
        """Add ``resource`` to the bundle; its reference."""
        name = str(uuid.uuid5(_NAMESPACE, f"{self.seed}/{len(self.entries)}"))
        resource["id"] = name
        reference = f"urn:uuid:{name}"
        self.entries.append({"fullUrl": reference, "resource": resource})
        return reference

    def _patient(self) -> dict[str, Any]:
        patient: dict[str, Any] = {"resourceType": "Patient"}
        if self.details is not None and self.details.patient:
            patient["name"] = [{"text": self.details.patient}]
        return patient

    # one preparation: a liquid or a batch of capsules

    def preparation(
        self, result: Result, bud: datetime.date | None, order: Mapping[str, object] | None
    ) -> None:
        from ldncalc import forms
        from ldncalc.locale import Voice, render
        from ldncalc.prescriptions import default_directions, directions_for

        lot = self.details.lot if self.details is not None else None
        expires = bud or self.compounded + datetime.timedelta(days=result.bud.days)
        form = forms.get(result.kind)
        supply = form.supply(result)  # what every form supplies (ldncalc.dosage_form.Supply)
        name = render(form.drug(result), Voice.of(self.lang, "cli"))
        ingredients = self._named(_made(result.ingredients, supply), result)
        if isinstance(supply.dispensed, int):  # capsules: counted, no total volume or weight
            assert supply.counted is not None  # a count of what: said with the count
            total, supplied = None, _units(supply.dispensed, supply.counted)
        else:
            total = supplied = quantity(supply.dispensed)
        dose = _counted(supply.number, supply.counted) or quantity(supply.dose)
        route = ROUTES[supply.route]
        medication = self._add(
            self._medication(
                name, result.dosage_form, ingredients, lot=lot, expires=expires, total=total
            )
        )
        directions = (  # the prescriber's, checked against the dose as on the label
            directions_for(result, self.details)
            if self.details is not None and self.details.directions
            else default_directions(result, self.lang)
        )
        dosage = [_dosage(1, directions, result.doses_per_day, dose, route=route)]
        request_resource = self._request(
            medication, dosage, supplied=supplied, days=result.days_supply
        )
        request_resource["extension"] = [_order_extension(result, order)]
        request = self._add(request_resource)
        self._add(
            self._dispense(
                medication, request, dosage, supplied, result.days_supply, self.compounded
            )
        )

    # a titration: the steps in sequence, a medication and a dispense for each fill

    def titration(self, result: TitrationResult) -> None:
        words = phrases(self.lang)
        name = title(result, self.lang)
        dosage = [_step_dosage(step, result, self.lang) for step in result.schedule]
        concept = {"text": name}
        request = self._add(self._request(None, dosage, concept=concept))
        for fill in result.fills:
            steps = [
                d
                for d, step in zip(dosage, result.schedule, strict=True)
                if step.first_day <= fill.last_day and step.last_day >= fill.first_day
            ]
            if result.concentration is not None and fill.volume is not None:
                ingredients = _liquid(fill.ingredients, fill.volume, result.concentration)
                medication = self._add(
                    self._medication(
                        _liquid_name(result.concentration, result.dosage_form, self.lang),
                        result.dosage_form,
                        ingredients,
                        lot=None,
                        expires=fill.bud_date,
                        total=quantity(fill.volume, "mL"),
                    )
                )
                self._add(
                    self._dispense(
                        medication,
                        request,
                        steps,
                        quantity(fill.volume),
                        fill.days,
                        fill.compounding_date,
                    )
                )
                continue
            for batch in fill.capsules:
                strength = _q(batch.strength, self.lang)
                ingredient = {
                    "name": "Naltrexone HCl",
                    "isActive": True,
                    "strength": _ratio(quantity(batch.strength, "mg"), _capsules(1)),
                }
                medication = self._add(
                    self._medication(
                        words.drug_capsule.format(strength=strength),
                        result.dosage_form,
                        [ingredient],
                        lot=None,
                        expires=fill.bud_date,
                    )
                )
                self._add(
                    self._dispense(
                        medication,
                        request,
                        steps,
                        _capsules(batch.count),
                        fill.days,
                        fill.compounding_date,
                    )
                )

    def _named(self, ingredients: list[dict[str, Any]], result: Result) -> list[dict[str, Any]]:
        """The ingredients with their names in the text's language, as the formulation record
        gives them (the result carries the English)."""
        if self.lang == "en" or not result.formulation.path:
            return ingredients
        from ldncalc.formulations import read_formulation
        from ldncalc.locale import Voice
        from ldncalc.locale.common import ingredient_in

        used = result.formulation
        record = read_formulation(Path(used.path), builtin=used.builtin)
        v = Voice.of(self.lang, "cli")
        return [{**i, "name": ingredient_in(i["name"], record, v)} for i in ingredients]

    # the resources, R5 or R4B

    def _medication(
        self,
        name: str,
        form: str,
        ingredients: list[dict[str, Any]],
        *,
        lot: str | None,
        expires: datetime.date,
        total: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        words = phrases(self.lang)
        batch: dict[str, Any] = {"expirationDate": expires.isoformat()}
        if lot:
            batch["lotNumber"] = lot
        medication: dict[str, Any] = {
            "resourceType": "Medication",
            "code": {"text": name},
            "status": "active",
        }
        form_text = {"text": words.dosage_forms.get(form, form)}
        items = []
        for ingredient in ingredients:
            concept = {"text": ingredient["name"]}
            item: dict[str, Any] = {"isActive": ingredient["isActive"]}
            if self.version == "R5":
                item["item"] = {"concept": concept}
                if "strength" in ingredient:
                    item["strengthRatio"] = ingredient["strength"]
            else:
                item["itemCodeableConcept"] = concept
                if "strength" in ingredient:
                    item["strength"] = ingredient["strength"]
            items.append(item)
        if self.version == "R5":
            medication["doseForm"] = form_text
            if total is not None:  # a liquid's volume, a cream's weight
                medication["totalVolume"] = total
        else:
            medication["form"] = form_text
            if total is not None:
                medication["amount"] = _ratio(total, {"value": 1})
        medication["ingredient"] = items
        medication["batch"] = batch
        return medication

    def _medication_link(
        self, medication: str | None, concept: dict[str, Any] | None
    ) -> dict[str, Any]:
        if self.version == "R5":
            if medication is not None:
                return {"medication": {"reference": {"reference": medication}}}
            return {"medication": {"concept": concept}}
        if medication is not None:
            return {"medicationReference": {"reference": medication}}
        return {"medicationCodeableConcept": concept}

    def _request(
        self,
        medication: str | None,
        dosage: list[dict[str, Any]],
        *,
        concept: dict[str, Any] | None = None,
        supplied: dict[str, Any] | None = None,
        days: int | None = None,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "resourceType": "MedicationRequest",
            "status": "active",
            "intent": "order",
            **self._medication_link(medication, concept),
            "subject": {"reference": self.patient},
        }
        details = self.details
        if details is not None and details.rx:
            request["identifier"] = [{"value": details.rx}]
        if details is not None and details.prescriber:
            request["requester"] = {"display": details.prescriber}
        request["dosageInstruction"] = dosage
        if supplied is not None and days is not None:
            request["dispenseRequest"] = {
                "quantity": supplied,
                "expectedSupplyDuration": _days(days),
            }
        return request

    def _dispense(
        self,
        medication: str,
        request: str,
        dosage: list[dict[str, Any]],
        supplied: dict[str, Any],
        days: int,
        prepared: datetime.date,
    ) -> dict[str, Any]:
        # "preparation": compounded and labelled, not yet handed to the patient
        return {
            "resourceType": "MedicationDispense",
            "status": "preparation",
            **self._medication_link(medication, None),
            "subject": {"reference": self.patient},
            "authorizingPrescription": [{"reference": request}],
            "quantity": supplied,
            "daysSupply": _days(days),
            "whenPrepared": prepared.isoformat(),
            "dosageInstruction": dosage,
        }


def _order_extension(result: Result, order: Mapping[str, object] | None) -> dict[str, Any]:
    """The order of ``result`` as :data:`ORDER_EXTENSION`: its kind, source and formulation
    record, then ``order`` (the options as typed, each as text), else the options of
    :data:`ORDER_OPTIONS` as ``result`` holds them (a quantity in UCUM, a count)."""
    kind: str = result.kind
    source = getattr(result, "source", None)
    if kind in ("liquid", "liquid-api"):  # one command, `ldncalc liquid --source`
        kind, source = "liquid", "api" if kind == "liquid-api" else "tablets"
    parts: list[dict[str, Any]] = [{"url": "kind", "valueCode": kind}]
    if source is not None:
        parts.append({"url": "source", "valueCode": source})
    parts.append({"url": "formulation", "valueString": result.formulation.id})
    if order is not None:
        for name, typed in order.items():
            if name not in NOT_ORDERED and name not in ("kind", "source", "formulation"):
                parts.append({"url": name, "valueString": str(typed)})
        return {"url": ORDER_EXTENSION, "extension": parts}
    for name in ORDER_OPTIONS[result.kind]:
        value = getattr(result, "days_supply" if name == "days" else name)
        if isinstance(value, int):
            parts.append({"url": name, "valueInteger": value})
        elif value is not None:
            parts.append({"url": name, "valueQuantity": quantity(value)})
    return {"url": ORDER_EXTENSION, "extension": parts}


def _q(amount: Qty, lang: Lang) -> str:
    from ldncalc.formatting import format_quantity

    return format_quantity(amount, lang=lang)


def title(result: TitrationResult, lang: Lang) -> str:
    """``Naltrexone HCl 1 mg/mL oral suspension: 0.5 mg to 4.5 mg at bedtime``: what a
    titration is, as its calendar names it."""
    words = phrases(lang)
    dose = {"start": _q(result.start, lang), "target": _q(result.target, lang)}
    when = words.times_a_day.get(result.doses_per_day, result.directions)
    if result.concentration is None:
        return words.calendar_title_capsules.format(**dose, when=when)
    form = words.dosage_forms.get(result.dosage_form, result.dosage_form)
    return words.calendar_title_liquid.format(
        concentration=_q(result.concentration, lang), form=form, **dose, when=when
    )


def _liquid_name(concentration: Qty, form: str, lang: Lang) -> str:
    words = phrases(lang)
    form = words.dosage_forms.get(form, form)
    return words.drug_liquid.format(concentration=_q(concentration, lang), form=form)


def _dosage(
    sequence: int,
    text: str,
    doses_per_day: int,
    dose: dict[str, Any],
    bounds: tuple[datetime.date, datetime.date] | None = None,
    *,
    route: dict[str, str] = ORAL_ROUTE,
) -> dict[str, Any]:
    """One ``Dosage``: by ``route`` (by mouth unless said), ``doses_per_day`` a day (once: at
    bedtime, docs/basis.md §2), ``dose`` each time, from the first to the last day of
    ``bounds``."""
    repeat: dict[str, Any] = {"frequency": doses_per_day, "period": 1, "periodUnit": "d"}
    if doses_per_day == 1:
        repeat["when"] = ["HS"]  # before sleep
    if bounds is not None:
        repeat["boundsPeriod"] = {"start": bounds[0].isoformat(), "end": bounds[1].isoformat()}
    return {
        "sequence": sequence,
        "text": text,
        "timing": {"repeat": repeat},
        "route": {"coding": [route]},
        "doseAndRate": [{"doseQuantity": dose}],
    }


def _step_dosage(step: ScheduleStep, result: TitrationResult, lang: Lang) -> dict[str, Any]:
    """A titration step: its dose (a liquid's volume; capsules: the mg of the dose) from its
    first to its last day."""
    words = phrases(lang)
    when = words.times_a_day.get(result.doses_per_day, result.directions)
    if step.volume is not None:
        text = words.take_liquid.format(
            volume=_q(step.volume, lang), dose=_q(step.dose, lang), when=when
        )
        dose = quantity(step.volume, "mL")
    else:
        text = capsules_taken(step, lang)
        dose = quantity(step.dose, "mg")
    return _dosage(step.number, text, result.doses_per_day, dose, (step.first_day, step.last_day))


def capsules_taken(step: ScheduleStep, lang: Lang) -> str:
    """The capsules of one step's dose: ``2 capsules: 1 × 1 mg + 1 × 0.5 mg``."""
    from ldncalc.locale import Voice

    voice = Voice(lang, "cli")
    capsules = " + ".join(f"{voice.n(c.count)} × {voice.q(c.strength)}" for c in step.capsules)
    total = sum(c.count for c in step.capsules)
    return phrases(lang).capsule_measure.format(
        count=voice.counted(total, "capsule"), capsules=capsules
    )


def _liquid(amounts: Iterable[Amount], volume: Qty, concentration: Qty) -> list[dict[str, Any]]:
    """A liquid's ingredients: the active at the concentration (mg per 1 mL), an excipient
    as its amount per the final volume, the vehicle made up to volume (qs) without strength."""
    found = []
    for amount in amounts:
        strength: dict[str, Any] | None
        if amount.role == "active":
            strength = _concentration(concentration)
        else:
            strength = _per_volume(amount, volume)
        found.append(_ingredient(amount, strength))
    return found


def _made(amounts: Iterable[Amount], supply: Supply) -> list[dict[str, Any]]:
    """The ingredients of what a form supplies: the active at its strength (mg per 1 mL, mg
    per 1 g: naltrexone HCl, whatever powder was weighed for it; per 1 capsule: the powder
    weighed into one), an excipient as its amount in the batch made (a stock solution can be
    more than is dispensed; capsules: the batch's amount ÷ its capsules, a ratio kept
    unreduced so that it is exact), what is made up to volume or weight (qs) without
    strength."""
    from ldncalc.units import ureg

    found = []
    for amount in amounts:
        strength: dict[str, Any] | None
        weighed = (amount.mass, amount.volume, amount.powder)
        measured = next((m for m in weighed if m is not None), None)  # what was measured
        if isinstance(supply.made, int):  # counted units: mg per capsule
            assert supply.counted is not None  # a count of what: said with the count
            if amount.role == "active":
                active = supply.powder if supply.powder is not None else supply.strength
                strength = _ratio(quantity(active, "mg"), _units(1, supply.counted))
            elif measured is None:
                strength = None
            else:
                strength = _ratio(quantity(measured, "mg"), _units(supply.made, supply.counted))
        elif amount.role == "active":
            one = ureg.Quantity(1, supply.made.units)
            strength = _ratio(quantity(supply.strength * one, "mg"), _one(unit_symbol(one)))
        elif amount.qs_to is not None or measured is None:
            strength = None
        else:
            strength = _ratio(quantity(measured), quantity(supply.made))
        found.append(_ingredient(amount, strength))
    return found


def _counted(count: int | None, counted: str | None) -> dict[str, Any] | None:
    """A dose counted in capsules, drops or pump actuations (:func:`_units`); ``None`` for a
    dose measured in mL or g."""
    if count is None or counted is None:
        return None
    return _units(count, counted)


def _units(count: int, counted: str) -> dict[str, Any]:
    """A count of capsules (HL7 orderable drug form), drops or pump actuations (EDQM units
    of presentation)."""
    system, code, unit = COUNTED[counted]
    return {"value": count, "unit": unit, "system": system, "code": code}


def _ingredient(amount: Amount, strength: dict[str, Any] | None) -> dict[str, Any]:
    return _strength({"name": amount.name, "isActive": amount.role == "active"}, strength)


def _strength(ingredient: dict[str, Any], strength: dict[str, Any] | None) -> dict[str, Any]:
    if strength is None:
        return ingredient
    return {**ingredient, "strength": strength}


def _per_volume(amount: Amount, volume: Qty) -> dict[str, Any] | None:
    """An excipient's amount in the final volume; ``None`` for what is made up to volume."""
    measured = amount.mass if amount.mass is not None else amount.volume
    if amount.qs_to is not None or measured is None:
        return None
    return _ratio(quantity(measured), quantity(volume, "mL"))


def _concentration(concentration: Qty) -> dict[str, Any]:
    """A concentration as a ``Ratio``: mg per 1 mL."""
    from ldncalc.units import ureg

    return _ratio(quantity(concentration * ureg.Quantity(1, "milliliter"), "mg"), _one("mL"))
