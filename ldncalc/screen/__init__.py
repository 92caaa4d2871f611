"""Screens a pharmacist reads: a finished result in, text out. They format; they never
calculate.

``titration``  the screen of a titration: the dated schedule, what to compound and when, the
               working (``ldncalc titrate``)

The bench screen of a liquid or capsule result is :mod:`ldncalc.render`; the patient's calendar
of a titration is a document, :mod:`ldncalc.labels.calendar`.
"""
