"""The Francis Report progress site generator: data files in, a static website out (see recipe.py)."""
