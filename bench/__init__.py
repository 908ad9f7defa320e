"""Benchmarks: `python -m bench.<name>` prints a timing and its target."""
