"""The data's history: what changed between versions (diff.py), the versions in git (git.py), and the
changes in words (text.py)."""
