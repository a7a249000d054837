"""Styr: plan and follow up the activity plans of Swedish municipalities."""

__version__ = "0.1.0"
