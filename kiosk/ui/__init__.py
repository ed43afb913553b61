"""The kiosk's screens in PySide6: theme, translations, icons, shared widgets and one module
per screen. Views lay widgets out and expose them; the controller connects them to a flow."""
