"""Agenda runs, personal agendas and session wishes (filled in by the program work)."""
