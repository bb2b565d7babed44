"""Attendee lists: format-neutral tables (`table`) and their writers (CSV, XLSX, PDF, HTML)."""
