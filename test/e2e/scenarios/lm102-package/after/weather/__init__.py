"""A tiny package run as `python -m weather`."""
