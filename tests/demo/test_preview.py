"""The preview renderer: every screen with sample data, to PNG, without a card reader."""

from __future__ import annotations

from kiosk.ui.theme import Theme, apply_theme


def test_the_preview_renders_a_screen(tmp_path, qapp):
    from kiosk.demo.preview import render

    written = render(
        tmp_path, only="summary-busy", languages=("en",), large=(True,), sizes=((1280, 800),)
    )
    apply_theme(qapp, Theme())
    assert [p.name for p in written] == ["summary-busy_en_large_1280x800.png"]
    assert written[0].stat().st_size > 10_000
