"""Plain data and rules of the kiosk: no Qt, no SQLAlchemy, no pyscard."""
