"""Benchmarks for Twoway (not part of `make test`): `twoway bench` runs them."""
