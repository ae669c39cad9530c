"""Benchmarks (`make bench`): synthetic libraries generated from the seeds, never committed."""
