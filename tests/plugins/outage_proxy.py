"""A TCP forwarder standing in for a server that stops and comes back: an S3 outage in tests.

moto keeps its objects in memory, so killing ``moto_server`` would lose them, which a restarted
MinIO (its data on disk) never does. The tests therefore put this proxy between Kejian and moto
and stop *it*: :meth:`OutageProxy.stop` closes the listening socket (new connections are refused)
and resets every open connection mid-request (what a client sees when the server process dies);
:meth:`OutageProxy.start` listens again on the same port, and the objects are all still there.
To the app, and to a browser sending parts to presigned URLs, that is the S3 server stopping and
restarting; only the server-side data loss of a crash without persistence is not reproduced.

:meth:`OutageProxy.stop_at` stops it on a chosen request (say the second segment a transcode
stores), so an outage lands at a precise step instead of at a time. Requests are recognised by
their first line: an HTTP/1.1 client sends the next request on a connection only after reading
the previous response, so the first bytes after a response are a request line.
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections.abc import Callable

_POLL_S = 0.05
_CHUNK = 256 * 1024


def _reset(sock: socket.socket) -> None:
    """Close with an RST instead of a FIN, as a killed server's kernel does to its connections."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class OutageProxy:
    def __init__(self, upstream: str, host: str = "127.0.0.1") -> None:
        upstream_host, upstream_port = upstream.rsplit(":", 1)
        self._upstream = (upstream_host, int(upstream_port))
        self._host = host
        self.port = 0
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._threads: set[threading.Thread] = set()
        self._generation = 0  # bumped by stop(): connection threads of an older one reset and end
        self._trigger: tuple[Callable[[str], bool], list[int]] | None = None
        self.requests: list[str] = []  # every request line forwarded, oldest first
        self.stopped = threading.Event()

    @property
    def endpoint(self) -> str:
        return f"{self._host}:{self.port}"

    def start(self) -> None:
        """Listen (again) on the same port; the upstream server kept its data meanwhile."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self._host, self.port))
        listener.listen(64)
        listener.settimeout(_POLL_S)
        with self._lock:
            self.port = listener.getsockname()[1]
            self._listener = listener
            generation = self._generation
            self.stopped.clear()
        self._spawn(self._accept, listener, generation)

    def stop(self) -> None:
        """Refuse new connections and reset open ones; returns once they are all gone."""
        with self._lock:
            listener, self._listener = self._listener, None
            self._generation += 1
            self._trigger = None
            threads = [t for t in self._threads if t is not threading.current_thread()]
        if listener is not None:
            listener.close()
        for thread in threads:
            thread.join(timeout=5)
        self.stopped.set()

    def stop_at(self, request: Callable[[str], bool], *, nth: int = 1) -> None:
        """Stop when the ``nth`` request whose first line satisfies ``request`` arrives (not forwarded)."""
        with self._lock:
            self._trigger = (request, [nth])

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=self._run, args=(target, *args), daemon=True)
        with self._lock:  # started under the lock, so stop() never sees it unstarted
            self._threads.add(thread)
            thread.start()

    def _run(self, target, *args) -> None:
        try:
            target(*args)
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def _accept(self, listener: socket.socket, generation: int) -> None:
        while self._current(generation):
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by stop()
            client.settimeout(None)
            self._spawn(self._forward, client, generation)

    def _fires(self, first_bytes: bytes) -> bool:
        line = first_bytes.split(b"\r\n", 1)[0].decode("latin-1")
        with self._lock:
            self.requests.append(line)
            if self._trigger is None:
                return False
            matches, remaining = self._trigger
            if not matches(line):
                return False
            remaining[0] -= 1
            return remaining[0] == 0

    def _forward(self, client: socket.socket, generation: int) -> None:
        try:
            upstream = socket.create_connection(self._upstream, timeout=5)
        except OSError:
            _reset(client)
            return
        upstream.settimeout(None)
        peers = {client: upstream, upstream: client}
        at_request_start = True
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ)
            selector.register(upstream, selectors.EVENT_READ)
            try:
                while self._current(generation):
                    for key, _ in selector.select(_POLL_S):
                        data = key.fileobj.recv(_CHUNK)
                        if not data:
                            return
                        if key.fileobj is client:
                            if at_request_start and self._fires(data):
                                self.stop()
                                return
                            at_request_start = False
                        else:
                            at_request_start = True  # the answer began: the next bytes sent are a new request
                        peers[key.fileobj].sendall(data)
            except OSError:
                return
            finally:
                _reset(client)
                _reset(upstream)
