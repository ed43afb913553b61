"""Run a pcscd that offers the vsmartcard vpcd virtual readers: for the demo, the benchmarks and
the PC/SC tests. Nothing here imports the kiosk or pyscard.

Two ways to run it:

- `PcscdProcess()`: the ordinary daemon on the system socket (/run/pcscd/pcscd.comm), which
  every PC/SC client finds. Only one such pcscd can run: a second one refuses to start.
- `PcscdProcess.private(workdir)`: a daemon of its own beside any system pcscd, for tests.
  pcscd 1.9 ignores PCSCLITE_CSOCK_NAME (only the client library reads it), so the helper binds
  the socket itself and hands it over the way systemd socket activation does (LISTEN_FDS), gives
  pcscd a reader.conf.d of its own with free vpcd ports, and clients find it through
  `PCSCLITE_CSOCK_NAME` (`env`), which libpcsclite reads once, at a process's first PC/SC call.
  It still writes /run/pcscd/pcscd.pid (a fixed path); the system daemon's copy is put back
  when it stops. USB readers would be seen by both daemons: fine for a test machine only.

In both cases the readers are "Virtual PCD 00 00" and "Virtual PCD 00 01", served on
`vpcd_port` and `vpcd_port + 1` (drivers.simcard.vpcd.VirtualCardClient connects there).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from drivers.simcard.vpcd import VPCD_PORT

SOCKET_ENV = "PCSCLITE_CSOCK_NAME"
SYSTEM_SOCKET = Path("/run/pcscd/pcscd.comm")
SYSTEM_PID_FILE = Path("/run/pcscd/pcscd.pid")
READER_NAMES = ("Virtual PCD 00 00", "Virtual PCD 00 01")
VPCD_DRIVER_PATHS = (
    "/usr/lib/pcsc/drivers/serial/libifdvpcd.so",  # Debian, Ubuntu
    "/usr/lib64/pcsc/drivers/serial/libifdvpcd.so",  # Fedora
    "/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so",  # built from source
)
READY_LINE = "daemon ready."  # logged (at --info) once the readers are up and the socket listens

# Launches pcscd with the listening socket (handed over as stdin) moved to fd 3, as systemd
# does; `exec` keeps the shell's pid, which is what LISTEN_PID must name.
_SOCKET_ACTIVATION = 'exec 3<&0 </dev/null; export LISTEN_FDS=1 LISTEN_PID=$$; exec "$@"'


class PcscdError(RuntimeError):
    """pcscd is missing, would not start, or did not become ready."""


def find_pcscd() -> str | None:
    """The pcscd executable, also where /usr/sbin is not on PATH (non-root users)."""
    return shutil.which("pcscd") or shutil.which("pcscd", path="/usr/sbin:/usr/local/sbin")


def find_vpcd_driver() -> str | None:
    """The vsmartcard vpcd driver library (Debian package vsmartcard-vpcd)."""
    return next((path for path in VPCD_DRIVER_PATHS if os.path.exists(path)), None)


def missing_requirements() -> list[str]:
    """What is missing to run pcscd with vpcd; empty when everything is there."""
    missing = []
    if find_pcscd() is None:
        missing.append("pcscd is not installed (Debian package pcscd)")
    if find_vpcd_driver() is None:
        missing.append("the vpcd driver is not installed (Debian package vsmartcard-vpcd)")
    return missing


def system_pcscd_pid() -> int | None:
    """The pcscd that serves the system socket, if one runs (it refuses a second one).

    The same test as pcscd's own: the socket file exists and the pid file names a live process.
    """
    if not SYSTEM_SOCKET.exists():
        return None
    try:
        pid = _pid_in(SYSTEM_PID_FILE.read_text())
    except OSError:
        return None
    return pid if _alive(pid) else None


def port_listening(port: int) -> bool:
    """Whether some process listens on this TCP port (any address), from /proc/net/tcp*."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                return True
    return False


def free_vpcd_port(first: int = VPCD_PORT + 16, last: int = VPCD_PORT + 1016) -> int:
    """A port p such that p and p + 1 are both free for vpcd to listen on.

    The search starts at a random place so that test sessions running side by side seldom
    pick the same pair between the check and pcscd's bind.
    """
    candidates = list(range(first, last - 1, 2))
    start = random.randrange(len(candidates))
    for port in candidates[start:] + candidates[:start]:
        if all(_bindable(p) for p in (port, port + 1)):
            return port
    raise PcscdError(f"no two free TCP ports between {first} and {last}")


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as vpcd does
        try:
            probe.bind(("", port))
        except OSError:
            return False
    return True


def vpcd_config(port: int, driver: str) -> str:
    """A reader.conf.d entry for the two vpcd slots on `port` and `port + 1`."""
    return (
        'FRIENDLYNAME "Virtual PCD"\n'
        f"DEVICENAME   /dev/null:0x{port:04X}\n"
        f"LIBPATH      {driver}\n"
        f"CHANNELID    0x{port:04X}\n"
    )


class PcscdProcess:
    """One `pcscd --foreground` under our control, with the vpcd readers.

    `start()` returns once pcscd has both virtual readers up and accepts clients, `stop()` ends
    it (SIGTERM, or SIGKILL with `kill=True` to simulate a crash), `restart()` does both. Its
    output goes to `log_path`; `log_tail()` quotes it in error messages. `close()` also removes
    a working directory this object made. Not thread-safe: drive it from one thread.
    """

    def __init__(
        self,
        *,
        socket_path: str | os.PathLike[str] | None = None,
        vpcd_port: int = VPCD_PORT,
        workdir: str | os.PathLike[str] | None = None,
        debug: bool = False,
        ready_timeout: float = 10.0,
    ) -> None:
        self._own_workdir = workdir is None
        self.workdir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="pcscd-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._socket_path = Path(socket_path) if socket_path is not None else None
        self.vpcd_port = vpcd_port
        self.debug = debug
        self.ready_timeout = ready_timeout
        self.log_path = self.workdir / "pcscd.log"
        self.config_dir = self.workdir / "reader.conf.d"
        self._process: subprocess.Popen[bytes] | None = None
        self._listener: socket.socket | None = None
        self._saved_pid_file: str | None = None

    @classmethod
    def private(
        cls,
        workdir: str | os.PathLike[str] | None = None,
        *,
        vpcd_port: int | None = None,
        debug: bool = False,
        ready_timeout: float = 10.0,
    ) -> PcscdProcess:
        """A pcscd beside any other one: its own socket in `workdir`, free vpcd ports."""
        made = workdir is None
        directory = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="pcscd-"))
        process = cls(
            socket_path=directory / "pcscd.comm",
            vpcd_port=vpcd_port if vpcd_port is not None else free_vpcd_port(),
            workdir=directory,
            debug=debug,
            ready_timeout=ready_timeout,
        )
        process._own_workdir = made
        return process

    # --- what clients need ---------------------------------------------------------------------

    @property
    def private_socket(self) -> bool:
        return self._socket_path is not None

    @property
    def socket_path(self) -> Path:
        return self._socket_path if self._socket_path is not None else SYSTEM_SOCKET

    @property
    def env(self) -> dict[str, str]:
        """Environment for PC/SC clients (this process before its first PC/SC call, or a child
        process) so that they talk to this pcscd."""
        return {SOCKET_ENV: str(self._socket_path)} if self._socket_path is not None else {}

    @property
    def reader_names(self) -> tuple[str, ...]:
        return READER_NAMES

    def port(self, slot: int = 0) -> int:
        """The TCP port a virtual card connects to for reader slot `slot` (0 or 1)."""
        if slot not in (0, 1):
            raise ValueError("vpcd offers slots 0 and 1")
        return self.vpcd_port + slot

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # --- life cycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start pcscd and wait until both virtual readers are up. No-op when running."""
        if self.running:
            return
        executable = find_pcscd()
        driver = find_vpcd_driver()
        if executable is None or driver is None:
            raise PcscdError("; ".join(missing_requirements()))
        if not self.private_socket:
            other = system_pcscd_pid()
            if other is not None:
                raise PcscdError(
                    f"another pcscd (pid {other}) serves {SYSTEM_SOCKET}; stop it, or use "
                    "PcscdProcess.private() for a pcscd of its own"
                )
        busy = [p for p in (self.port(0), self.port(1)) if port_listening(p)]
        if busy:
            raise PcscdError(f"TCP port(s) {busy} already listen: another pcscd with vpcd?")

        self.config_dir.mkdir(parents=True, exist_ok=True)
        (self.config_dir / "vpcd").write_text(vpcd_config(self.vpcd_port, driver))
        command = [executable, "--foreground", "--debug" if self.debug else "--info"]
        command += ["--config", str(self.config_dir)]
        log = self.log_path.open("ab")
        log.write(f"--- {' '.join(command)}\n".encode())
        log.flush()
        log_start = log.tell()  # look for this run's ready line only
        try:
            if self.private_socket:
                self._listen()
                assert self._listener is not None
                self._save_pid_file()
                self._process = subprocess.Popen(
                    ["/bin/sh", "-c", _SOCKET_ACTIVATION, "pcscd-launcher", *command],
                    stdin=self._listener.fileno(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            else:
                self._process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
                )
        finally:
            log.close()
        try:
            self._wait_ready(log_start)
        except PcscdError:
            self.stop(kill=True)
            raise

    def stop(self, *, kill: bool = False, timeout: float = 5.0) -> None:
        """End pcscd: SIGTERM (clean exit), or SIGKILL with `kill=True`. Idempotent.

        A private pcscd's socket goes too, so that clients get SCARD_E_NO_SERVICE until
        `start()`, as with the system daemon.
        """
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
                try:
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            self._restore_pid_file(process.pid)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()

    def restart(self, *, kill: bool = False) -> None:
        self.stop(kill=kill)
        self.start()

    def close(self) -> None:
        """Stop pcscd and remove the working directory if this object made it."""
        self.stop()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> PcscdProcess:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # --- internals -----------------------------------------------------------------------------

    def _listen(self) -> None:
        path = self.socket_path
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        listener.listen(64)
        os.chmod(path, 0o666)  # as pcscd makes its own socket: any local user may connect
        self._listener = listener

    def _wait_ready(self, log_start: int) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while True:
            process = self._process
            if process is None or process.poll() is not None:
                code = process.returncode if process is not None else None
                raise PcscdError(
                    f"pcscd exited with status {code} while starting:\n{self.log_tail()}"
                )
            with self.log_path.open("rb") as log:
                log.seek(log_start)
                ready = READY_LINE.encode() in log.read()
            ports = all(port_listening(p) for p in (self.port(0), self.port(1)))
            if ready and ports and self.socket_path.exists():
                return
            if time.monotonic() > deadline:
                raise PcscdError(
                    f"pcscd did not offer the vpcd readers on ports {self.port(0)} and "
                    f"{self.port(1)} within {self.ready_timeout} s:\n{self.log_tail()}"
                )
            time.sleep(0.01)

    def _save_pid_file(self) -> None:
        """A private pcscd still writes, then deletes, /run/pcscd/pcscd.pid (a fixed path):
        keep the system pcscd's copy to put back afterwards."""
        try:
            self._saved_pid_file = SYSTEM_PID_FILE.read_text()
        except OSError:
            self._saved_pid_file = None

    def _restore_pid_file(self, our_pid: int) -> None:
        if not self.private_socket:
            return
        saved, self._saved_pid_file = self._saved_pid_file, None
        try:
            current = _pid_in(SYSTEM_PID_FILE.read_text())
        except OSError:
            current = None
        with contextlib.suppress(OSError):
            if saved is not None and _alive(_pid_in(saved)):
                SYSTEM_PID_FILE.write_text(saved)
            elif current == our_pid:  # left behind by a SIGKILL
                SYSTEM_PID_FILE.unlink()


def _pid_in(text: str) -> int:
    """The pid in a pcscd.pid file ("1234\\n\\0": pcscd writes the terminating NUL too)."""
    digits = text.strip("\x00 \n")
    return int(digits) if digits.isdigit() else 0


def _alive(pid: int) -> bool:
    """Whether a process with this pid exists."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ensure_pcscd(*, vpcd_port: int = VPCD_PORT) -> PcscdProcess | None:
    """Use the system pcscd if it offers the vpcd readers on `vpcd_port`, else start a private
    one (benchmarks, tools).

    Returns None when the system one will do, or the started PcscdProcess: the caller puts its
    `env` into os.environ before the process's first PC/SC call, uses its `port()`, and
    `close()`s it when done.
    """
    if port_listening(vpcd_port) and system_pcscd_pid() is not None:
        return None
    process = PcscdProcess.private()
    try:
        process.start()
    except PcscdError:
        process.close()
        raise
    return process
