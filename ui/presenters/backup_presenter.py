"""Backups from the window, without Qt: where they go, when they are taken, restoring one.

The window backs the book up on its own three times: when it is opened (daily),
every hour it checks whether a day has passed since the last copy, and when it
closes (unless the book is exactly what its last copy holds). Each copy goes to the
treasurer's ``Place`` (a USB stick she chose, else ``Documents/Kasir/Cadangan``): when
the stick is not plugged in the default folder is used and the window says so, so a
forgotten stick never costs a backup. The rotation keeps the last N copies of each
book and deletes only files Kasir's manifest lists (``kasir.book.backup``).

Restoring goes through ``kasir.book.service.restore`` as the command line does: the
backup is verified before anything is replaced and the book is backed up first. The
view asks for confirmation with ``confirm_text``, naming both files and the time of
the backup. Every refusal comes back as an ``Outcome`` in the user's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kasir.actor import Actor
from kasir.book import backup, seals, service
from kasir.book.backup import Made, Place
from kasir.book.files import inspect_sqlite
from kasir.i18n import _, message
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger.errors import LedgerError
from ui.presenters.dates import shown
from ui.presenters.outcome import Outcome, refused

HOURLY_MS = 60 * 60 * 1000  # how often the window asks whether the daily copy is due
SHOWN_FINDINGS = 5  # a refused backup's findings listed in its message; the rest counted

def when(moment: dt.datetime) -> str:
    """``20/11/2026 14:05``: the way the window shows a backup's time."""
    return f"{shown(moment.date())} {moment.strftime('%H:%M')}"


def seal_text(made: Made) -> str:
    """The seal a backup carries (a facilitator may copy it for ``verify --anchor``)."""
    return seals.read_beside(made.path)


def reason_text(reason: str) -> str:
    """Why a copy was taken, in words (its file name keeps the Indonesian tag)."""
    words = {"harian": _("daily"), "penutupan": _("on closing"), "manual": _("by hand"),
             "sebelum-pemulihan": _("before a restore")}
    if reason.startswith("sebelum-") and reason not in words:
        return _("before an upgrade")
    return words.get(reason, reason)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file the treasurer picked, as the confirmation shows it."""

    path: Path
    made: dt.datetime


class BackupPresenter:
    """The backup state and actions of the book shown in the window."""

    def __init__(self, book: Book, place: Place, actor: Actor | None = None) -> None:
        self.book = book
        self.place = place
        self.actor = actor  # who backs up or restores by hand (the services check her role)

    # --- where and when -------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.place.folder()

    def folder_note(self) -> str | None:
        """Said when the chosen folder is not there and the default one is used."""
        if not self.place.missing:
            return None
        return _("The backup folder {chosen} is not there (is the USB stick plugged in?); "
                 "backups go to {folder} until it is back.").format(
                     chosen=self.place.chosen, folder=self.folder)

    def history(self) -> list[Made]:
        """This book's automatic backups in the folder, newest first."""
        if self.book.path is None:
            return []
        try:
            return list(reversed(backup.backups(self.folder, self.book.path)))
        except OSError:
            return []

    def status_text(self) -> str:
        """One line for the status bar: the last backup's time and folder."""
        if self.book.path is None:
            return _("Back up a server's book on the server (pg_dump).")
        made = self.history()
        if not made:
            return _("No backup of this book yet (folder {folder})").format(folder=self.folder)
        return _("Last backup: {when} in {folder}").format(when=when(made[0].made),
                                                           folder=self.folder)

    # --- automatic copies -----------------------------------------------------------
    def daily(self, now: dt.datetime | None = None) -> Outcome | None:
        """The hourly check: a copy when a day has passed since the last one; None when
        not due (or a server's book)."""
        if self.book.path is None:
            return None
        try:
            made = backup.backup_if_due(self.book.path, self.folder, now=now,
                                        keep=self.place.keep)
        except LedgerError as exc:
            return self._failed(exc)
        return None if made is None else self._made(made)

    def on_close(self) -> Outcome | None:
        """The copy taken as the window closes; None when nothing changed since the last."""
        if self.book.path is None:
            return None
        try:
            made = backup.backup_on_close(self.book.path, self.folder, keep=self.place.keep)
        except LedgerError as exc:
            return self._failed(exc)
        return None if made is None else self._made(made)

    def back_up_now(self) -> Outcome:
        """A copy into the backup folder, by hand."""
        if self.book.path is None:
            return Outcome(self.status_text(), "error")
        try:
            require(self.book, self.actor, Permission.BACKUP)  # as ``kasir backup`` asks
            made = backup.automatic_backup(self.book.path, "manual", self.folder,
                                           keep=self.place.keep)
        except LedgerError as exc:
            return self._failed(exc)
        return self._made(made)

    def back_up_to(self, out: Path) -> Outcome:
        """A copy into a file the treasurer chose (never over the book or another file)."""
        try:
            written = service.back_up(self.book.path or self.book.url, out, actor=self.actor)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("Backup written: {path}").format(path=written))

    def _made(self, path: Path) -> Outcome:
        text = _("Backup made: {path}").format(path=path)
        note = self.folder_note()
        return Outcome(f"{text} {note}" if note else text)

    @staticmethod
    def _failed(exc: LedgerError) -> Outcome:
        return Outcome(_("The backup could not be made: {reason}").format(
            reason=message(exc)), "error")

    # --- restoring ------------------------------------------------------------------
    def describe(self, source: Path) -> BackupInfo | Outcome:
        """The backup the treasurer picked, or why it cannot be restored (not a book, a
        damaged one, the book itself); nothing is changed."""
        source = Path(source).expanduser().resolve()
        if self.book.path is None:
            return Outcome(_("Restoring into a database server is done with pg_restore."),
                           "error")
        if self.book.is_its_file(source):
            return Outcome(_("{path} is the book itself; choose a backup of it.").format(
                path=source), "error")
        try:
            inspect_sqlite(source)
        except LedgerError as exc:
            return refused(exc)
        return BackupInfo(source, self._made_at(source))

    def _made_at(self, source: Path) -> dt.datetime:
        """When the backup was made: as the manifest beside it says, else its file's time."""
        try:
            for made in backup.backups(source.parent):
                if made.path.resolve() == source:
                    return made.made
        except OSError:
            pass
        return dt.datetime.fromtimestamp(source.stat().st_mtime)

    def confirm_text(self, info: BackupInfo) -> str:
        return _("Replace what the book holds with this backup?\n\nBackup: {backup}\n"
                 "Made: {when}\nBook: {book}\n\nThe backup is checked first and nothing is "
                 "replaced if it fails; what the book holds now is kept as an automatic "
                 "backup in {folder}.").format(book=self.book.path, backup=info.path,
                                               when=when(info.made), folder=self.folder)

    def restore(self, source: Path) -> Outcome:
        """Restore ``source`` into the book: verified first, the book backed up first."""
        if self.book.path is None:
            return Outcome(_("Restoring into a database server is done with pg_restore."),
                           "error")
        try:
            with backup.placed(self.place):
                result = service.restore(source, self.book.path, actor=self.actor)
        except LedgerError as exc:
            return refused(exc)
        if not result.done:
            found = [message(f) for f in result.findings]
            lines = found[:SHOWN_FINDINGS]
            if len(found) > SHOWN_FINDINGS:
                lines.append(_("… and {count} more.").format(count=len(found) - SHOWN_FINDINGS))
            head = _("The backup {file} did not pass verification; nothing was restored.")
            return Outcome("\n".join([head.format(file=result.source), *lines]), "error")
        if result.saved is not None:
            return Outcome(_("Restored {file} into {book}; the previous content was saved as "
                             "{saved}.").format(file=result.source, book=result.book,
                                                saved=result.saved))
        return Outcome(_("Restored {file} into {book}.").format(file=result.source,
                                                               book=result.book))
