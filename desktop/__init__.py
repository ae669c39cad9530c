"""Kenes: an offline workbench for briefings from Kazakh and Russian news."""

__version__ = "0.1.0"
