"""coconstruct: territorial co-construction workshops, from questions to roadmap."""

__version__ = "0.2.0"
