"""The sub-commands of the `kiosk` command, one module per group (the kiosk itself, tour,
vcard, diag, voucher, audit, db), each adding its parsers and handlers; kiosk/cli.py builds
the command from them. Part of the composition root: they may import anything of the project."""
