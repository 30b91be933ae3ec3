"""What the import screen says, without Qt: the chosen file, the summary, the refusal.

An import is all or nothing (``kasir.imports``): a file is either in the book
whole, with events seen before skipped and counted, or refused whole, naming
the file, line and field of the first bad event. The screen says which, in
words a treasurer reads, and names each kind of event. ``ImportPresenter``
holds the chosen file and the last result and makes the page's calls to the
import service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kasir.actor import Actor
from kasir.i18n import _, message
from kasir.imports import service as imports
from kasir.imports.service import EventFile, ImportResult
from kasir.uow import Book
from ledger.errors import N_, LedgerError
from ui.presenters.outcome import Outcome, refused

EVENT_NAMES = {
    "coop_founded": N_("Cooperative founded"),
    "group_created": N_("Group created"),
    "member_created": N_("Member joined"),
    "deposit": N_("Deposit"),
    "withdrawal": N_("Withdrawal"),
    "member_exit": N_("Member exit"),
    "zis_received": N_("Zakat, infaq or sadaqah received"),
    "zis_distributed": N_("Zakat, infaq or sadaqah distributed"),
    "kebajikan_disbursed": N_("Benevolence fund used"),
    "fund_used": N_("Education or social fund used"),
    "expense": N_("Expense"),
    "bank_profit_share": N_("Profit share from the bank"),
    "non_halal_received": N_("Non-halal income to the benevolence fund"),
    "cash_transfer": N_("Cash moved to or from the bank"),
    "asset_purchased": N_("Asset bought"),
    "depreciation": N_("Depreciation"),
    "asset_disposed": N_("Asset retired"),
    "murabahah_contract": N_("Murabahah sale (akad)"),
    "installment": N_("Murabahah installment"),
    "murabahah_settlement": N_("Murabahah settled early"),
    "murabahah_writeoff": N_("Murabahah written off"),
    "writeoff_recovery": N_("Recovery of a written-off contract"),
    "qard_disbursed": N_("Qard paid out"),
    "qard_repayment": N_("Qard repayment"),
    "qard_writeoff": N_("Qard written off"),
}


def event_name(code: str) -> str:
    return _(EVENT_NAMES[code]) if code in EVENT_NAMES else code


def file_text(info: EventFile) -> str:
    """"uji.events.jsonl — 4 lines (1 KB)"."""
    size = max(1, (info.size + 1023) // 1024)
    return _("{file} — {lines} lines ({size} KB)").format(
        file=info.name, lines=f"{info.lines:,}".replace(",", "."), size=size)


def summary(result: ImportResult, explain: bool = True) -> str:
    """One line: what came in, what was posted, what was already there (and, when
    ``explain``, what a file imported before means)."""
    parts = [_("{count} events imported").format(count=result.imported),
             _("{count} entries posted").format(count=result.entries)]
    if result.skipped:
        parts.append(_("{count} skipped: already in the book").format(count=result.skipped))
    text = " · ".join(parts) + "."
    if explain and not result.imported and result.skipped:
        text += " " + _("Every event of this file had been imported before; nothing changed.")
    return text


@dataclass(frozen=True, slots=True)
class TypeRow:
    code: str
    name: str
    count: int


def type_rows(result: ImportResult) -> list[TypeRow]:
    """The events imported per kind, the most frequent first (ties in the file's order)."""
    return [TypeRow(code, event_name(code), count)
            for code, count in sorted(result.by_type.items(), key=lambda kv: -kv[1])]


def refusal(error: LedgerError) -> str:
    """The service's message in full (file:line: field: reason) and what it means."""
    return (message(error) + "\n" +
            _("Nothing was imported: the whole file was refused. Correct that line and "
              "import the file again."))


class ImportPresenter:
    """The file chosen, the import running or not, the last result and the progress
    heard: the page's calls to the import service, with their outcomes in words."""

    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor
        self.file: EventFile | None = None
        self.result: ImportResult | None = None
        self.progress_seen: list[int] = []  # every count the import reported, in order
        self.running = False

    def folder(self) -> str:
        """Where the file dialog opens: beside the file chosen last."""
        return str(self.file.path.parent) if self.file is not None else ""

    def choose(self, path: Path | str) -> Outcome:
        """Take a file: its name and lines are read, nothing is imported yet."""
        self.result = None
        try:
            self.file = imports.event_file(path)
        except LedgerError as exc:
            self.file = None
            return refused(exc)
        return Outcome(_("Press Import to bring the file into the book."), "hint")

    def file_text(self) -> str:
        return file_text(self.file) if self.file is not None else _("No file chosen yet.")

    def can_import(self) -> bool:
        return self.file is not None and not self.running

    def not_ready(self) -> Outcome | None:
        """Why Import cannot start now (no file yet), or None."""
        return self._no_file() if self.file is None else None

    @staticmethod
    def _no_file() -> Outcome:
        return Outcome(_("Choose the file to import first."), "hint")

    def starting(self) -> Outcome:
        """The line shown while the file goes in."""
        name = self.file.name if self.file is not None else ""
        return Outcome(_("Importing {file}…").format(file=name), "plain")

    def run(self, progress: Callable[[int], None] | None = None) -> Outcome:
        """Import the chosen file whole, or nothing; ``progress`` hears each count (0 first,
        the total last) so the page can move its bar."""
        file = self.file
        if file is None:
            return self._no_file()
        self.running = True
        self.progress_seen = []

        def heard(done: int) -> None:
            self.progress_seen.append(done)
            if progress is not None:
                progress(done)

        try:
            result = imports.import_event_file(self.book, self.actor, file.path, heard)
        except LedgerError as exc:
            self.result = None
            return Outcome(refusal(exc), "error")
        finally:
            self.running = False
        self.result = result
        return Outcome(summary(result), "ok")

    def status_bar_text(self) -> str:
        """The window's status bar after an import: the summary without the explanation."""
        return summary(self.result, explain=False) if self.result is not None else ""

    def type_rows(self) -> list[TypeRow]:
        return type_rows(self.result) if self.result is not None else []
