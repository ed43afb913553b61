"""The exit codes of every `kiosk` command, in one place (README: "Exit codes").

A technician's script tells the outcomes apart by these numbers, so each means the same thing
in every command, and a crash has a code of its own that no ordinary outcome uses: a bug must
never read as "voucher invalid" or "problems found".
"""

from __future__ import annotations

OK = 0
# The command ran and its answer is "no": a card problem (`diag read`: none inserted,
# unreadable, mute, stalled), an invalid or altered voucher (`voucher verify`), problems found
# by `db check`, a tour that stopped part way.
FAILED = 1
# Bad arguments, settings, URL or input files: nothing was done; the message says what to fix.
USAGE = 2
# Something the command needs is not there or not usable: the reader or pcscd, the vpcd port
# (`vcard`: nothing listening, or the reader already holds a card), the database (unreachable,
# cannot be opened or written).
UNAVAILABLE = 3
# A bug: an exception nobody expected. One line names its kind; the log has the traceback.
INTERNAL_ERROR = 70  # EX_SOFTWARE of sysexits.h
# The output was closed under the command (`kiosk diag readers | head -1`): 128 + SIGPIPE.
OUTPUT_CLOSED = 141
# Ctrl+C: 128 + SIGINT, as shells report it.
INTERRUPTED = 130
