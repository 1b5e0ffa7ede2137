"""Stage 1, load: find the data files and parse them, strictly, remembering each value's line."""
