"""Stage 3, model: the schema (records.py) is the model; build.py makes it from checked data, and the
rest works things out from it (statuses, dates, tallies, the annual statements)."""
