"""Hostile input: generated documents, parameters and forms (hypothesis)."""
