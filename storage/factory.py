"""Build the configured object store from settings."""

from __future__ import annotations

from config import Settings


def build_store(settings: Settings):
    if settings.storage_backend == "local":
        from storage.local import LocalStore

        return LocalStore(root=settings.storage_local_root, secret_key=settings.secret_key)
    if settings.storage_backend == "s3":
        from storage.s3 import S3Store

        return S3Store(
            endpoint=settings.s3_endpoint,
            public_endpoint=settings.s3_public_endpoint or settings.s3_endpoint,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            secure=settings.s3_secure,
            region=settings.s3_region,
            bucket=settings.s3_bucket,
        )
    raise ValueError(f"unknown KEJIAN_STORAGE_BACKEND {settings.storage_backend!r} (use 'local' or 's3')")
