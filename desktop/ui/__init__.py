"""Kenes Qt user interface."""
