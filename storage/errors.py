"""The storage exception tree; vendor errors (minio, OSError) never escape a backend.

StorageError
├── ObjectNotFound        the key does not exist
├── UploadNotFound        the multipart upload id is unknown, completed or aborted
├── InvalidPart           a part is missing, too small or its ETag does not match
└── StorageUnavailable    transient: network, timeout, 5xx — worth retrying
"""


class StorageError(Exception):
    """Base class for every storage failure."""


class ObjectNotFound(StorageError):
    pass


class UploadNotFound(StorageError):
    pass


class InvalidPart(StorageError):
    pass


class StorageUnavailable(StorageError):
    """A transient failure; callers retry with backoff."""
