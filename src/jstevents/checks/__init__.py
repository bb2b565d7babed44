"""Checks beyond the schema, each a function with its codes, run over the loaded project."""
