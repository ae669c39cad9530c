"""Qt table models over core row positions."""
