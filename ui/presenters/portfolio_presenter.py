"""The portfolio's quality and its allowance (PPAP), without Qt.

The financing page prints the portfolio-quality paper (collectibility, PAR30, NPF) and
forms the allowance for possible losses (penyisihan penghapusan aktiva produktif): on a
day, usually the last of a month, the allowance accounts are brought to what the
collectibility of the running contracts requires (``post_allowance``: a charge when
more is required, a release when less). The dialog shows what is required and what is
formed before the treasurer posts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kasir.actor import Actor
from kasir.financing import service as financing
from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.uow import Book
from ledger.errors import LedgerError
from ledger.money import Money
from ui import papers
from ui.presenters.outcome import Outcome, file_problem, refused


def _percent(value: object) -> str:
    return f"{value}".replace(".", ",") + "%"


@dataclass(frozen=True, slots=True)
class Allowance:
    """What the allowance should be on a day, and what the book holds."""

    day: dt.date
    required: Money
    formed: Money
    par30: str
    npf: str
    health: str

    @property
    def to_post(self) -> Money:
        """Positive: to be charged; negative: to be released; zero: nothing to post."""
        return self.required - self.formed

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) rows for the dialog."""
        diff = self.to_post
        if diff.is_positive():
            post = _("charge {amount}").format(amount=format_rupiah(diff))
        elif diff.is_negative():
            post = _("release {amount}").format(amount=format_rupiah(-diff))
        else:
            post = _("nothing: the allowance matches")
        return [(_("Required"), format_rupiah(self.required)),
                (_("Formed"), format_rupiah(self.formed)),
                (_("To post"), post),
                (_("PAR30 / NPF"), f"{self.par30} / {self.npf} ({self.health})")]


class PortfolioPresenter:
    def __init__(self, book: Book, actor: Actor) -> None:
        self.book, self.actor = book, actor

    def today(self) -> dt.date:
        return self.book.clock.today()

    def default_day(self) -> dt.date:
        """The day the allowance is formed on: the last day of the month before."""
        return self.today().replace(day=1) - dt.timedelta(days=1)

    def allowance(self, day: dt.date) -> Allowance | Outcome:
        try:
            q = financing.portfolio_quality(self.book, day)
        except LedgerError as exc:
            return refused(exc)
        return Allowance(day, q.required, q.formed, _percent(q.par30), _percent(q.npf),
                         q.health)

    def post_allowance(self, day: dt.date) -> Outcome:
        """Bring the allowance to what is required on ``day``."""
        try:
            entry = financing.post_allowance(self.book, self.actor, day)
        except LedgerError as exc:
            return refused(exc)
        if not entry:
            return Outcome(_("The allowance on {day} already matches what is required: "
                             "nothing was posted.").format(day=day.strftime("%d/%m/%Y")),
                           "hint")
        now = self.allowance(day)
        formed = format_rupiah(now.formed) if isinstance(now, Allowance) else "—"
        return Outcome(_("PPAP on {day} posted: entry {entry}; the allowance is now "
                         "{amount}.").format(day=day.strftime("%d/%m/%Y"), entry=entry,
                                             amount=formed))

    def paper(self, folder: Path, day: dt.date | None = None) -> Path | Outcome:
        """The portfolio-quality paper of ``day`` (today) in ``folder``'s financing folder."""
        try:
            return papers.portfolio_pdf(self.book, day or self.today(),
                                        papers.financing_folder(folder))
        except (OSError, LedgerError) as exc:
            return file_problem(exc)
