"""The business half of the citizen controller: the taps of the business wizard's screens
(kiosk.flows.business: report a loss, cancel it, replace a card, look up a voucher) go into the
session's business flow, and its screens are wiped when it ends.

The business flow itself and what its commands run belong to kiosk.flows.business_runner (no
Qt); the CitizenController carries its commands out with its own, on the same worker under the
same session generation. This class is handed, by name, the few things of the CitizenController
it uses instead of the controller itself: `apply` (run commands, then render) and `home`. That
keeps the dependency one-way and shows at the constructor all this class can touch. The citizen
flow comes in as it is: it says whether the session is still at BUSINESS.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.flows.business import BCommand, BStep, BusinessFlow, Choice
from kiosk.flows.business_runner import BusinessRunner
from kiosk.flows.citizen import CitizenFlow, Command
from kiosk.ui.window import KioskWindow

Apply = Callable[[list[Command] | list[BCommand]], None]


class BusinessController:
    """The business screens' taps, into the session's BusinessFlow (`flow`, None outside a
    business), which `runner` holds."""

    def __init__(
        self,
        window: KioskWindow,
        runner: BusinessRunner,
        citizen: CitizenFlow,
        *,
        apply: Apply,
        home: Callable[[], None],
    ) -> None:
        self.window = window
        self.runner = runner
        self._citizen = citizen
        self._apply = apply
        self._connect_screens(home)

    @property
    def flow(self) -> BusinessFlow | None:
        """The business on screen, while the citizen flow is at BUSINESS; else None."""
        return self.runner.flow

    def _connect_screens(self, home: Callable[[], None]) -> None:
        w, b = self.window, self.input
        w.identify.submitted.connect(
            lambda ssn, mobile, agent: b(lambda f: f.identify(ssn, mobile, agent))
        )
        w.agent.submitted.connect(lambda id_, name, rel: b(lambda f: f.agent_given(id_, name, rel)))
        w.what_happened.chosen.connect(lambda value: b(lambda f: f.choose(Choice(value))))
        w.outlet.chosen.connect(lambda code: b(lambda f: f.choose_outlet(code)))
        for screen in (w.outlet, w.materials, w.pickup, w.review):
            # Next means "on from this screen": a late tap on a screen already left is nothing.
            step = BStep(screen.name)
            screen.next_clicked.connect(
                lambda step=step: b(lambda f: f.next() if f.view.step is step else [])
            )
        w.confirm.confirmed.connect(lambda: b(BusinessFlow.confirm))
        w.receipt.done_clicked.connect(home)
        w.refused.done_clicked.connect(home)
        w.refused.retry_clicked.connect(lambda: b(BusinessFlow.retry))
        w.lookup.by_code.connect(lambda code: b(lambda f: f.lookup_code(code)))
        w.lookup.by_person.connect(lambda ssn, mobile: b(lambda f: f.lookup_person(ssn, mobile)))
        w.lookup_result.reprint.connect(lambda number: b(lambda f: f.reprint(number)))
        w.lookup_result.done_clicked.connect(home)
        # The resident ID card panel (issue 15) on the identify, agent and lookup screens.
        for screen in (w.identify, w.agent, w.lookup):
            screen.type_instead.connect(lambda: b(BusinessFlow.type_instead))
            screen.use_id_card.connect(lambda: b(BusinessFlow.use_id_card))
            screen.clear_id_card.connect(lambda: b(BusinessFlow.clear_id_card))

    def input(self, change: Callable[[BusinessFlow], list[BCommand]]) -> None:
        """A tap on a business screen (or Back) as a change of the current business flow."""
        business = self.flow
        if business is None or not self._citizen.in_business:
            return  # a late signal from a screen whose business already ended
        self._apply(change(business))

    def start(self) -> BusinessFlow:
        """A fresh business flow for the session; the caller says which wizard it starts."""
        return self.runner.start()

    def end(self) -> None:
        """The business is over (Home, idle, card pulled, Back out of it): forget it and wipe
        its screens; a submit still running finishes in the database, unseen."""
        self.runner.end()
        for screen in self.window.business_screens.values():
            screen.wipe()
