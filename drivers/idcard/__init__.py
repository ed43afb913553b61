"""The resident ID card reader: the interface (base.py) and its backends."""
