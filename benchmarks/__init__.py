"""Benchmarks: speed, memory and accuracy, reported in figures measured in one run."""
