"""A small TCP proxy for the fleet bench and tests: it forwards a local port to PostgreSQL, and
`cut()` drops every connection through it at once (a network cut, as the sender sees it: the
socket closes under a statement). New connections are accepted again at once."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttableProxy:
    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.server = socket.create_server((listen_host, 0))
        self.port: int = self.server.getsockname()[1]
        self.host = listen_host
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._closed = False
        self.cuts = 0
        self._thread = threading.Thread(target=self._accept, name="proxy", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(src, dst)

    def _drop(self, *socks: socket.socket) -> None:
        for sock in socks:
            with self._lock:
                self._open.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def cut(self) -> int:
        """Drop every connection through the proxy now; returns how many sockets it closed."""
        with self._lock:
            victims = list(self._open)
        self._drop(*victims)
        self.cuts += 1
        return len(victims)

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self.server.close()
        self.cut()
