"""The centre of a fleet (docs/fleet.md). Placeholder until the `centre` branch is merged."""
