"""The demo card tray: a small separate window, present only in demo mode, that inserts and
removes the demo cards in the mock reader as a citizen would at a real one."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from drivers.readers.mock import MockReaderBackend
from drivers.simcard.image import demo_image_ids, load_image


class DemoTray(QWidget):
    def __init__(self, backend: MockReaderBackend) -> None:
        super().__init__()
        self.setObjectName("demoTray")
        self.setWindowTitle("Demo cards 演示卡")
        self._backend = backend
        layout = QVBoxLayout(self)
        title = QLabel("演示卡 Demo cards")
        title.setObjectName("demoTrayTitle")
        layout.addWidget(title)
        self.buttons: dict[str, QPushButton] = {}
        for card_id in demo_image_ids():
            label = load_image(card_id).label
            button = QPushButton(f"{label.get('zh_CN', card_id)}  ·  {label.get('en', card_id)}")
            button.setObjectName(f"insert-{card_id}")
            button.setAccessibleName(f"Insert the demo card {card_id}")
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _=False, c=card_id: self.insert(c))
            layout.addWidget(button)
            self.buttons[card_id] = button
        self.remove_button = QPushButton("取出卡片 Remove card")
        self.remove_button.setObjectName("removeCard")
        self.remove_button.setAccessibleName("Remove the card")
        self.remove_button.setMinimumHeight(56)
        self.remove_button.clicked.connect(self.remove)
        layout.addSpacing(12)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)

    def insert(self, card_id: str) -> None:
        self._backend.insert(card_id)

    def remove(self) -> None:
        self._backend.remove()
