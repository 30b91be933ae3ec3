"""Maker–checker requests in the window, without Qt: the list, approve, reject.

Everyone signed in sees the requests (the one who asked follows hers; the
auditor reads them all); only a role that may approve is offered the buttons,
and the service refuses anyone else and anyone deciding her own request. A
request is shown in the reader's language (``RequestRow.what``).
"""

from __future__ import annotations

from kasir.actor import Actor
from kasir.approvals import service as approvals
from kasir.approvals.service import RequestRow
from kasir.i18n import _
from kasir.uow import Book
from kasir.users.permissions import Permission
from ledger.errors import LedgerError
from ui.presenters.outcome import Outcome, refused
from ui.presenters.sign_in_presenter import Access


def status_text(status: str) -> str:
    """A request's state in the reader's language."""
    return {"pending": _("waiting"), "approved": _("approved"),
            "rejected": _("rejected")}.get(status, status)


class RequestsPresenter:
    def __init__(self, book: Book, actor: Actor) -> None:
        self.book = book
        self.actor = actor

    def rows(self, pending_only: bool = False) -> list[RequestRow]:
        return approvals.request_list(self.book, "pending" if pending_only else None)

    def may_decide(self) -> bool:
        """Whether to offer Approve and Reject (the services decide anyway)."""
        return Access(self.book, self.actor).may(Permission.APPROVE)

    def approve(self, request_id: int) -> Outcome:
        try:
            done = approvals.approve(self.book, self.actor, request_id)
        except LedgerError as exc:
            return refused(exc)
        if done.result:
            return Outcome(_("Request {request} is approved and carried out: {result}.")
                           .format(request=request_id, result=done.result))
        return Outcome(_("Request {request} is approved and carried out.")
                       .format(request=request_id))

    def reject(self, request_id: int, reason: str) -> Outcome:
        try:
            approvals.reject(self.book, self.actor, request_id, reason)
        except LedgerError as exc:
            return refused(exc)
        return Outcome(_("Request {request} is rejected; nothing was done.")
                       .format(request=request_id))
