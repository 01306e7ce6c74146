"""FieldApp (ميدان): offline field coordination for volunteer events, gifts, visits and certificates."""

__version__ = "0.1.0"
