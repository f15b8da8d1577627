"""Cutting a streamed body into parts without copying it."""

from __future__ import annotations

import os

import pytest

from api.uploads.part_buffer import ChunksReader, PartBuffer


@pytest.mark.parametrize("chunk_sizes", [[7, 7, 7], [1] * 20, [20], [3, 0, 17]])
def test_parts_add_up_to_the_stream(chunk_sizes):
    data = os.urandom(sum(chunk_sizes))
    buffer, offset = PartBuffer(), 0
    for size in chunk_sizes:
        buffer.add(data[offset : offset + size])
        offset += size
    parts = []
    while buffer.size >= 8:
        parts.append(b"".join(buffer.take(8)))
    parts.append(b"".join(buffer.take(buffer.size)))
    assert b"".join(parts) == data
    assert all(len(p) == 8 for p in parts[:-1]) and len(parts[-1]) <= 8 and buffer.size == 0


def test_reader_reads_in_any_sizes_and_rewinds():
    chunks = [b"abc", b"", b"defgh", b"i"]
    reader = ChunksReader(chunks)
    assert reader.read(2) == b"ab" and reader.read(4) == b"cdef" and reader.read() == b"ghi"
    assert reader.read(1) == b""
    reader.seek(0)
    assert reader.read(100) == b"abcdefghi"
    with pytest.raises(Exception):
        reader.seek(3)
