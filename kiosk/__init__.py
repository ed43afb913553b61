"""The social security card self-service kiosk."""

__version__ = "0.1.0"
