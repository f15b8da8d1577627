"""Peer learning (issue 20, seed 001): pushed peer videos, watching that counts, and 观课议课."""
