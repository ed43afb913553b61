"""Use cases of the kiosk: card session, identification, loss report, cancellation, reissue,
vouchers, statement, proofs, keys, diagnostics; `business.BusinessService` is the citizen kiosk's
one door to them. No Qt."""
