"""Reporters: each turns audit results into one output format and decides nothing."""
