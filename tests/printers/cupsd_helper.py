"""A private cupsd for the CUPS printer tests, and a network printer the tests play themselves.

The session gets a cupsd of its own (Debian's `cups`): configuration, spool, cache, state and
logs in one directory under /tmp, listening on a socket in that directory and on a free port of
127.0.0.1, with no browsing, no web interface and no access control. It runs as root (tests and
CI do) and runs its backends as the unprivileged `lp` user, as Debian's does. Its ServerBin is a
copy of Debian's made of symbolic links, plus a `kioskfault` backend: a printer whose fault the
device URI names (`kioskfault:/media-empty`, `kioskfault:/abort`, `kioskfault:/stop`).

`DeviceListener` plays an AppSocket (JetDirect) printer on 127.0.0.1: it accepts connections and
keeps the bytes of each one; `hang=True` makes it a printer that takes a connection and then
never reads nor answers. The fixtures are in conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

PROGRAMS = ("cupsd", "lpadmin", "lp", "cancel", "cupsdisable", "cupsenable")
DEBIAN_SERVERBIN = Path("/usr/lib/cups")
START_TIMEOUT = 15.0

CUPSD_CONF = """\
Listen {socket}
Listen 127.0.0.1:{port}
LogLevel warn
MaxLogSize 0
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
ErrorPolicy abort-job
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""

CUPS_FILES_CONF = """\
ServerRoot {root}
CacheDir {root}/cache
StateDir {root}/state
RequestRoot {root}/spool
TempDir {root}/tmp
ServerBin {root}/bin
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
FileDevice No
User lp
Group lp
SystemGroup root
LogFileGroup root
"""

# A CUPS backend: without arguments it lists its devices, with 5 or 6 it prints a job. It writes
# its state to stderr (STATE: +keyword sets a printer-state-reason) and exits with a CUPS code:
# 1 failed (the queue's error policy applies), 4 stop the queue.
FAULT_BACKEND = """\
#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct kioskfault "Unknown" "Printer with a fault"'; exit 0; fi
cat > /dev/null
case "$DEVICE_URI" in
  *media-empty*) echo "STATE: +media-empty-error" >&2; echo "ERROR: paper roll empty" >&2
                 exec sleep 600 ;;
  *abort*) echo "ERROR: print head fault" >&2; exit 1 ;;
  *stop*) echo "ERROR: cover open" >&2; exit 4 ;;
esac
exit 0
"""


def missing_requirements() -> list[str]:
    missing = [f"{p} not found (install cups)" for p in PROGRAMS if not _which(p)]
    if not DEBIAN_SERVERBIN.joinpath("backend", "socket").exists():
        missing.append(f"{DEBIAN_SERVERBIN}/backend/socket not found (install cups)")
    if os.geteuid() != 0:
        missing.append("a private cupsd needs root (it runs its backends as the lp user)")
    return missing


def _which(program: str) -> str | None:
    return shutil.which(program, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCupsd:
    """A cupsd of its own in `root`; `server` is what CupsPrinter(server=...) and `lp -h` take."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = root / "cups.sock"
        self.port = free_port()
        self.server = str(self.socket)
        self.tcp_server = f"127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "LC_ALL": "C", "LANG": "C", "CUPS_SERVER": self.server}

    def start(self) -> None:
        root = self.root
        root.chmod(0o755)  # the backends run as lp and read the spool below
        for sub in ("cache", "state", "spool", "tmp", "log", "ppd", "bin/backend"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for entry in DEBIAN_SERVERBIN.iterdir():
            if entry.name != "backend":
                (root / "bin" / entry.name).symlink_to(entry)
        (root / "bin/backend/socket").symlink_to(DEBIAN_SERVERBIN / "backend/socket")
        fault = root / "bin/backend/kioskfault"
        fault.write_text(FAULT_BACKEND)
        fault.chmod(0o755)
        (root / "cupsd.conf").write_text(CUPSD_CONF.format(socket=self.socket, port=self.port))
        (root / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=root))
        self.process = subprocess.Popen(
            [
                _which("cupsd") or "cupsd",
                "-f",
                "-c",
                str(root / "cupsd.conf"),
                "-s",
                str(root / "cups-files.conf"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(root / "log/cupsd.stderr", "wb"),  # noqa: SIM115 (the child keeps it)
            env=self.env,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd exited with {self.process.returncode}: {self.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not open {self.socket}: {self.log()}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(str(self.socket))
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        parts = []
        for name in ("cupsd.stderr", "error_log"):
            path = self.root / "log" / name
            if path.exists():
                parts.append(path.read_text(errors="replace")[-2000:])
        return "\n".join(parts)

    def run(self, *args: str) -> str:
        """A CUPS command against this cupsd, e.g. run("cupsdisable", "kiosk")."""
        program, *rest = args
        done = subprocess.run(
            [_which(program) or program, "-h", self.server, *rest],
            capture_output=True,
            env=self.env,
            timeout=30,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args} failed: {done.stderr.decode(errors='replace')}")
        return done.stdout.decode(errors="replace")

    def add_queue(self, name: str, device_uri: str, error_policy: str = "abort-job") -> str:
        # -m raw: the bytes reach the device unchanged (lpadmin warns that raw queues are
        # deprecated; CUPS 2.4 has them all the same).
        self.run(
            "lpadmin",
            "-p",
            name,
            "-E",
            "-v",
            device_uri,
            "-m",
            "raw",
            "-o",
            f"printer-error-policy={error_policy}",
            "-o",
            "printer-is-shared=false",
        )
        return name


class DeviceListener:
    """An AppSocket printer on 127.0.0.1:port that keeps the bytes of every connection."""

    def __init__(self, *, hang: bool = False) -> None:
        self.hang = hang
        self.received: list[bytes] = []  # one entry per finished connection
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self.port = int(self._server.getsockname()[1])
        self.uri = f"socket://127.0.0.1:{self.port}"
        self._held: list[socket.socket] = []
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return  # the listening socket was closed: stop()
            if self.hang:
                self._held.append(conn)  # never read, never answer, never close
                continue
            threading.Thread(target=self._take, args=(conn,), daemon=True).start()

    def _take(self, conn: socket.socket) -> None:
        chunks = []
        with conn:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
            with self._lock:
                self.received.append(b"".join(chunks))  # kept before the printer "closes"

    def jobs(self) -> list[bytes]:
        """What arrived, without the empty connections of status probes."""
        with self._lock:
            return [data for data in self.received if data]

    def stop(self) -> None:
        """Close the port: from now on connections are refused, as by a switched-off printer."""
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
