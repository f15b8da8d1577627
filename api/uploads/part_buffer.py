"""Gather a streamed body into parts without copying it, and read a part back as a file."""

from __future__ import annotations

import io


class PartBuffer:
    """Chunks received so far; ``take`` hands out exactly ``n`` bytes as a list of chunks."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        if chunk:
            self._chunks.append(chunk)
            self.size += len(chunk)

    def take(self, n: int) -> list[bytes]:
        taken: list[bytes] = []
        while n > 0 and self._chunks:
            chunk = self._chunks[0]
            if len(chunk) <= n:
                taken.append(self._chunks.pop(0))
                n -= len(chunk)
            else:
                view = memoryview(chunk)
                taken.append(bytes(view[:n]))
                self._chunks[0] = bytes(view[n:])
                n = 0
        self.size -= sum(len(c) for c in taken)
        return taken


class ChunksReader(io.RawIOBase):
    """A read-only file over a list of chunks, so a part can be stored without joining it."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks
        self._index = 0
        self._offset = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if offset != 0 or whence != io.SEEK_SET:
            raise io.UnsupportedOperation("only a rewind to the start is supported")
        self._index = self._offset = 0
        return 0

    def readinto(self, buffer) -> int:
        out = memoryview(buffer).cast("B")
        written = 0
        while written < len(out) and self._index < len(self._chunks):
            chunk = self._chunks[self._index]
            n = min(len(out) - written, len(chunk) - self._offset)
            out[written : written + n] = chunk[self._offset : self._offset + n]
            written += n
            self._offset += n
            if self._offset == len(chunk):
                self._index, self._offset = self._index + 1, 0
        return written
