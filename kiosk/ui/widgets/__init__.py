"""Widgets shared by the screens: header, step bar, PIN keypad, status strip, idle overlay and
the large buttons."""
