"""Resumable multipart uploads and the single-request streaming upload."""
