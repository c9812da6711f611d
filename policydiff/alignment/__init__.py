"""Pairing the clauses of a parent and a derived document, and diffing their texts."""
