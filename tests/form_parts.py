"""The message records of a dosage form's documents (:class:`ldncalc.dosage_form.FormDocuments`),
for the tests that check every code is made and reads in both languages."""

from __future__ import annotations

from ldncalc.messages import Message


def messages(parts: object) -> list[Message]:
    """Every message record in a form's documents, its blocks and tables included."""
    if isinstance(parts, Message):
        return [parts]
    if isinstance(parts, tuple):
        return [m for part in parts for m in messages(part)]
    return []
