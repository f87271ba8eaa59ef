"""Renderers: each takes Question objects and writes one output format."""
