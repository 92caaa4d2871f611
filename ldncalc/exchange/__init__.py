"""Results handed to other systems in their standard forms: FHIR (:mod:`ldncalc.exchange.fhir`)
and iCalendar (:mod:`ldncalc.exchange.ics`).

Each module imports its library (fhir.resources, icalendar) only when it is used, so that a
plain ``ldncalc liquid`` starts as fast as before.
"""
