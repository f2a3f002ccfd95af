"""Checks of a listing's detail content: its images and the fields beyond the title."""
