"""Out of service (QUALITY.md R10): the kiosk cannot serve, so it says so calmly, in Chinese and
English at once (a citizen cannot be expected to find a language button on a kiosk that does
not work), sends the citizen to a counter or another kiosk, and shows a technician the reason
code (kiosk.domain.outage.Reason, explained in docs/out-of-service.md) and how long it has
been out of service. No button: there is nothing a citizen can do here. When staff took the
kiosk out of service for maintenance (Reason.MAINTENANCE), a line says so, and the hidden
service entry opens from this screen as from the attract screen (its top-left corner held).

Texts are English sources marked with QT_TRANSLATE_NOOP and translated through the Chinese
catalogue (kiosk.ui.i18n.in_language), so both lines stay put whatever language is installed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.outage import Outage, Reason
from kiosk.ui.i18n import CHINESE, ENGLISH, in_language
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.hotcorner import HotCorner
from kiosk.ui.widgets.parts import Card, IconBadge, centred_column, divider, make_label

CONTEXT = "OutOfServiceScreen"
TITLE = QT_TRANSLATE_NOOP("OutOfServiceScreen", "This kiosk is out of service")
ADVICE = QT_TRANSLATE_NOOP(
    "OutOfServiceScreen", "Please go to a service counter, or use another kiosk."
)
MAINTENANCE = QT_TRANSLATE_NOOP("OutOfServiceScreen", "A technician is servicing this kiosk.")
SORRY = QT_TRANSLATE_NOOP("OutOfServiceScreen", "We are sorry for the inconvenience.")
HOTLINE = QT_TRANSLATE_NOOP("OutOfServiceScreen", "Social security hotline: 12333")
STATUS = QT_TRANSLATE_NOOP(
    "OutOfServiceScreen", "Reason code {code} · out of service for {duration} (since {time})"
)
MAINTENANCE_STATUS = QT_TRANSLATE_NOOP(
    "OutOfServiceScreen", "Maintenance ({code}) · out of service for {duration} (since {time})"
)
LESS_THAN_A_MINUTE = QT_TRANSLATE_NOOP("OutOfServiceScreen", "less than a minute")
MINUTES = QT_TRANSLATE_NOOP("OutOfServiceScreen", "{minutes} min")
HOURS = QT_TRANSLATE_NOOP("OutOfServiceScreen", "{hours} h {minutes} min")
DAYS = QT_TRANSLATE_NOOP("OutOfServiceScreen", "{days} d {hours} h")
REFRESH_MS = 30_000  # the time shown is in minutes


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def both(source: str) -> tuple[str, str]:
    """A text in Chinese and in English."""
    return in_language(CHINESE, CONTEXT, source), source


def format_lasted(lasted: dt.timedelta, language: str) -> str:
    """How long, to the minute: "12 min", "1 h 5 min", "3 d 2 h" (or the Chinese)."""
    minutes = int(lasted.total_seconds() // 60)
    if minutes < 1:
        return in_language(language, CONTEXT, LESS_THAN_A_MINUTE)
    if minutes < 60:
        return in_language(language, CONTEXT, MINUTES).format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return in_language(language, CONTEXT, HOURS).format(hours=hours, minutes=minutes)
    days, hours = divmod(hours, 24)
    return in_language(language, CONTEXT, DAYS).format(days=days, hours=hours)


def format_since(since: dt.datetime, now: dt.datetime) -> str:
    """14:05 today, else 2026-03-05 14:05, in the kiosk's (China's) time: the same in both
    languages."""
    local, today = since.astimezone(CHINA_TZ), now.astimezone(CHINA_TZ).date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"


def _tight(*labels: QLabel) -> QVBoxLayout:
    """Lines that belong together (the same text in two languages), close together."""
    layout = QVBoxLayout()
    layout.setSpacing(SPACING.xs)
    for label in labels:
        layout.addWidget(label)
    return layout


class OutOfServiceScreen(Screen):
    name = "out_of_service"
    home_allowed = False

    def __init__(
        self, parent: QWidget | None = None, *, now: Callable[[], dt.datetime] = _utc_now
    ) -> None:
        super().__init__(parent)
        self.now = now
        self._outage: Outage | None = None
        column = centred_column(self, top=SPACING.l, bottom=SPACING.m)
        centre = Qt.AlignmentFlag.AlignCenter

        self.badge = IconBadge(112)
        self.badge.set_icon("counter", "info")
        self.title_zh = make_label("display", object_name="outOfServiceTitleZh", align=centre)
        self.title_en = make_label("title", object_name="outOfServiceTitleEn", align=centre)
        self.card = Card("outOfServiceCard", margins=SPACING.l)
        self.advice_zh = make_label("heading", object_name="outOfServiceAdviceZh", align=centre)
        self.advice_en = make_label("lead", object_name="outOfServiceAdviceEn", align=centre)
        # In place of the apology: the screen's height is the same either way.
        self.maintenance = make_label("muted", object_name="outOfServiceMaintenance", align=centre)
        self.maintenance.setVisible(False)
        self.sorry = make_label("muted", object_name="outOfServiceSorry", align=centre)
        self.hotline = make_label("muted", object_name="outOfServiceHotline", align=centre)
        self.status_zh = make_label("small", object_name="outOfServiceStatusZh", align=centre)
        self.status_en = make_label("small", object_name="outOfServiceStatusEn", align=centre)

        self.card.body.addWidget(self.advice_zh)
        self.card.body.addWidget(self.advice_en)
        self.card.body.addWidget(divider())
        self.card.body.addWidget(self.maintenance)
        self.card.body.addWidget(self.sorry)
        self.card.body.addWidget(self.hotline)

        column.addStretch(2)
        column.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(_tight(self.title_zh, self.title_en))
        column.addWidget(self.card)
        column.addStretch(3)
        column.addLayout(_tight(self.status_zh, self.status_en))

        # The service entry, open only while out of service for maintenance (a fault's kiosk
        # has no staff screens to offer: its database or settings are what failed).
        self.service_corner = HotCorner(self)
        self.service_corner.setVisible(False)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.retranslate()

    @property
    def outage(self) -> Outage | None:
        return self._outage

    def show_outage(self, outage: Outage) -> None:
        self._outage = outage
        maintenance = outage.reason is Reason.MAINTENANCE
        self.maintenance.setVisible(maintenance)
        self.sorry.setVisible(not maintenance)
        self.service_corner.setVisible(maintenance)
        if maintenance:
            self.service_corner.raise_()
        self.refresh()

    def retranslate(self) -> None:
        # Both languages always: a language change has nothing to change here but is harmless.
        zh, en = both(TITLE)
        self.title_zh.setText(zh)
        self.title_en.setText(en)
        self.setAccessibleName(f"{zh} {en}")
        zh, en = both(ADVICE)
        self.advice_zh.setText(zh)
        self.advice_en.setText(en)
        self.maintenance.setText("  ".join(both(MAINTENANCE)))
        self.sorry.setText("  ".join(both(SORRY)))
        self.hotline.setText("  ".join(both(HOTLINE)))
        self.refresh()

    def refresh(self) -> None:
        """The reason code and how long the kiosk has been out of service."""
        outage = self._outage
        for label, language in ((self.status_zh, CHINESE), (self.status_en, ENGLISH)):
            if outage is None:
                label.clear()
                continue
            now = self.now()
            status = MAINTENANCE_STATUS if outage.reason is Reason.MAINTENANCE else STATUS
            label.setText(
                in_language(language, CONTEXT, status).format(
                    code=outage.reason.code,
                    duration=format_lasted(outage.lasted(now), language),
                    time=format_since(outage.since, now),
                )
            )

    def wipe(self) -> None:
        # Nothing personal is shown here, and the reason stays until the kiosk serves again:
        # a session that ends under this screen must not blank it.
        super().wipe()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)
