"""Round tables (filled in by the tables work)."""
