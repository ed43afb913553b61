"""The social security card self-service kiosk."""

__version__ = "0.1.0"
# The day this version was built: a clock before it is certainly wrong (`kiosk diag selftest`
# warns). Set at each release, with __version__.
BUILD_DATE = "2026-12-01"
