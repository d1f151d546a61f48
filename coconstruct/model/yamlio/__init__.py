"""YAML in (strict, positioned: read.py) and out (round-trip, diff-friendly: write.py)."""
