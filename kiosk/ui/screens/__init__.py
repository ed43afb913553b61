"""One module per citizen screen. A screen lays widgets out, exposes them and their signals,
re-sets its texts on a language change and wipes personal data on demand; it never talks to
services, flows or readers."""
