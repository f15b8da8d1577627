"""A province's catalogue of 微能力点, and the point names every screen shows."""
