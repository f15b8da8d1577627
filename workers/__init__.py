"""Celery workers and the media tools they drive (ffprobe, ffmpeg)."""
