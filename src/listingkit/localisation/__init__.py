"""Localisation: each listing in its market's language, and one SKU consistent across locales."""
