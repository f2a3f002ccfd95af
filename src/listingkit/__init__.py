"""listingkit: audit and fix e-commerce product listings offline."""

__version__ = "0.1.0"
