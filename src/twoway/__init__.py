"""Twoway: a freelance marketplace with a two-way, double-blind feedback system."""

__version__ = "0.1.0"
