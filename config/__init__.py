"""Configuration: one settings object, read from environment variables."""

from config.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
