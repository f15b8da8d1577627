"""Object storage behind one interface: local disk (embedded default) or S3/MinIO."""

from storage.base import ObjectInfo, ObjectStore, PartInfo
from storage.errors import (
    ObjectNotFound,
    StorageError,
    StorageUnavailable,
    UploadNotFound,
)
from storage.factory import build_store
from storage.keys import derived_key, original_key

__all__ = [
    "ObjectInfo",
    "ObjectNotFound",
    "ObjectStore",
    "PartInfo",
    "StorageError",
    "StorageUnavailable",
    "UploadNotFound",
    "build_store",
    "derived_key",
    "original_key",
]
