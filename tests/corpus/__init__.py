"""Tests for the article readers."""
