"""Stage 2, check: every file against the schema (model/records.py), then the checks across files, then
the warnings a communications lead can act on. Every problem is reported at once."""
