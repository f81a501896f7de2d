"""Thin views of the learning cycle, one module per area."""
