"""Figures a plan computes once and keeps for the next plan (issue 11).

Every figure kept here is a pure function of an object of the formulation library (a record,
its limits, a catalog or one of its syringes) and of numbers: the syringe that measures a
dose at a concentration, the capsule strengths for a set of doses, a fill's ingredients. The
library's objects stay the same while their files do (:func:`ldncalc.formulations.load`
reads an edited file again, into new objects), so a figure is kept by the object's identity:
the object is kept in the entry, and its id, part of the key, cannot be another object's
while the entry lives. A table holds at most ``most`` entries, then starts again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Kept(Generic[Value]):
    """One table of kept figures."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._table: dict[tuple[Hashable, ...], tuple[object, Value]] = {}

    def get(self, owner: object, key: tuple[Hashable, ...], make: Callable[[], Value]) -> Value:
        """The figure of ``owner`` (an object of the library, or ``None``) and ``key`` (the
        numbers it depends on: equal numbers share an entry, so a figure that carries a number
        as it is written, ``1.0`` or ``1``, keys it as text), made by ``make`` the first time."""
        entry = (id(owner), *key)
        found = self._table.get(entry)
        if found is not None and found[0] is owner:
            return found[1]
        value = make()
        if len(self._table) >= self.most:
            self._table.clear()
        self._table[entry] = (owner, value)
        return value
