"""The demo tooling beside the product: the headless tour, the demo card tray, the screen
previews, sample data for screens and reports, the demo back end's seed data and the PC/SC
console demo. Like the composition root it may import anything; no product package
(domain card store reports services flows ui drivers) imports it."""
