"""A small TCP proxy for the fleet bench and tests: it forwards a local port to PostgreSQL.

- `cut()` drops every connection through it at once (a network cut, as the sender sees it: the
  socket closes under a statement); new connections are accepted again at once.
- `stop()` refuses new connections and cuts the open ones (a centre that went away); `start()`
  forwards again on the same port."""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    """Listening from the start, on a port of its own choosing (`port`)."""

    def __init__(self, target_host: str, target_port: int, listen_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.host = listen_host
        self.port = 0  # chosen by the first start(), kept by the later ones
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self.connections = 0  # accepted so far
        self.cuts = 0
        self.start()

    @property
    def running(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        """Listen (again, on the same port once it has one); nothing if already listening."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.create_server((self.host, self.port), backlog=16)  # SO_REUSEADDR
            self.port = listener.getsockname()[1]
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), name="proxy", daemon=True).start()

    def stop(self) -> None:
        """No more connections, and the open ones cut."""
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way
            listener.close()
        self._drop_all()

    def cut(self) -> int:
        """Drop every connection through the proxy now, still accepting new ones; returns how
        many sockets it closed."""
        self.cuts += 1
        return self._drop_all()

    def _drop_all(self) -> int:
        with self._lock:
            victims, self._open = self._open, set()
        self._drop(*victims)
        return len(victims)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # stopped meanwhile
                    stopped = True
                else:
                    stopped = False
                    self._open |= {client, upstream}
                    self.connections += 1
            if stopped:
                self._drop(client, upstream)
                return
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open -= {src, dst}
            self._drop(src, dst)

    @staticmethod
    def _drop(*socks: socket.socket) -> None:
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
