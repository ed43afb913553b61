"""Use cases of the kiosk: card session, records, loss reports, vouchers, diagnostics. No Qt."""
