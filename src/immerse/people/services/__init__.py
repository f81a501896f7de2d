"""Writes about people, one module per domain: tools, registrations, assessments, signup,
imports. Callers import from the submodule."""
