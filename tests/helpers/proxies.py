"""TCP forwarders in front of a test server, to freeze, black-hole or cut the network between migwiz and it.

`Forwarder` copies bytes both ways, one thread per direction; each kind changes what a failure looks like:
`FreezingProxy` stops forwarding and starts again (a frozen network: nothing is lost, nothing moves),
`BlackHoleProxy` makes every packet to its own loopback address vanish with a blackhole route (a dead link:
not even keepalive probes are answered), `CuttableProxy` resets every connection at once (a link going down
with resets).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import struct
import subprocess
import threading


class Forwarder:
    """Forward `address`:`port` (a free port) to 127.0.0.1:`target_port` until closed."""

    def __init__(self, target_port: int, address: str = "127.0.0.1") -> None:
        self.address = address
        self.target_port = target_port
        self.listener = socket.create_server((address, 0))
        self.port: int = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.closed = False
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                if self.closed:
                    client.close()
                    server.close()
                    return
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)  # pass the end on, after everything before it

    def _take_sockets(self) -> list[socket.socket]:
        with self._lock:
            self.closed = True
            sockets, self.sockets = self.sockets, []
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.listener.close()
        return sockets

    def close(self) -> None:
        """Stop forwarding: close the listener and every connection."""
        for sock in self._take_sockets():
            sock.close()


class FreezingProxy(Forwarder):
    """A forwarder on 127.0.0.1 that can stop forwarding (`running.clear()`: a frozen network) and start
    again (`running.set()`)."""

    def __init__(self, target_port: int) -> None:
        self.running = threading.Event()
        self.running.set()
        super().__init__(target_port)

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.running.wait()  # frozen: what was read waits here, nothing more is read
                sink.sendall(data)
        except OSError:  # a reset on either side resets both, as it would on a real connection
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            return
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.running.set()
        super().close()


def _own_address() -> str:
    """A loopback address of this test process alone (127.0.0.0/8 is all local)."""
    return f"127.77.{(os.getpid() >> 8) & 255}.{(os.getpid() & 255) or 1}"


def _ip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=False)


class BlackHoleProxy(Forwarder):
    """A forwarder on its own loopback address; `cut()` makes every packet to that address vanish.

    A forwarder that merely stops forwarding cannot show a dead peer: its kernel still acknowledges every
    keepalive probe. The blackhole route needs `ip` and CAP_NET_ADMIN (`can_cut()`).
    """

    def __init__(self, target_port: int) -> None:
        super().__init__(target_port, _own_address())
        self.is_cut = False

    @staticmethod
    def can_cut() -> bool:
        """Whether this process may add (and remove) a blackhole route."""
        if shutil.which("ip") is None:
            return False
        probe = f"{_own_address()}/32"
        if _ip("route", "add", "blackhole", probe, "table", "local").returncode != 0:
            return False
        _ip("route", "del", "blackhole", probe, "table", "local")
        return True

    def cut(self) -> None:
        """Every packet to the proxy's address vanishes, both ways, from now on."""
        done = _ip("route", "add", "blackhole", f"{self.address}/32", "table", "local")
        assert done.returncode == 0, done.stderr
        self.is_cut = True

    def close(self) -> None:
        if self.is_cut:
            _ip("route", "del", "blackhole", f"{self.address}/32", "table", "local")
        super().close()


class CuttableProxy(Forwarder):
    """A forwarder on 127.0.0.1 whose `cut()` drops every connection at once, with resets.

    The client sees the connection lost and the server's backend sees its client gone.
    """

    def cut(self) -> None:
        """Drop every connection (with a reset) and accept no new one."""
        for sock in self._take_sockets():
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
