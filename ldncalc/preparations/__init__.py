"""The preparations ldncalc calculates: oral liquids (:mod:`.liquid`) and capsules."""
