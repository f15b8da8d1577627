"""Playback: short-lived signed URLs for a recording's browser-ready outputs."""
