"""``kasir request list``, ``kasir approve ID``, ``kasir reject ID --reason TEXT``: maker–checker.

A command whose action needs a second person (a reversal above the threshold,
reopening a month, a product change, a restore) does not fail: ``ui.cli`` prints
the request's number on standard output, says it waits for approval, and exits
0. The approver (``ketua``, never the one who asked) carries it out here.
"""

from __future__ import annotations

import argparse

from kasir.approvals import service as approvals
from kasir.book import open_book
from kasir.i18n import _
from reports import tabular
from ui.commands.output import EXIT_OK, emit, say
from ui.user import current_actor

COLUMNS = ("id", "status", "kind", "what", "asked_by", "asked_at", "decided_by",
           "decided_at", "reason", "result")


def cmd_request(args: argparse.Namespace) -> int:
    """The requests, newest first (``--status pending`` for the waiting ones)."""
    with open_book(args.book) as book:
        rows = approvals.request_list(book, args.status)
    emit(tabular.render([{
        "id": str(r.id), "status": r.status, "kind": r.kind, "what": r.what,
        "asked_by": r.asked_by, "asked_at": r.asked_at.isoformat(timespec="seconds"),
        "decided_by": r.decided_by,
        "decided_at": r.decided_at.isoformat(timespec="seconds") if r.decided_at else "",
        "reason": r.reason, "result": r.result} for r in rows], COLUMNS, args.format))
    return EXIT_OK


def cmd_approve(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        done = approvals.approve(book, current_actor(), args.id)
    if done.result:
        print(done.result)
    say(_("Request {request} is approved and carried out.").format(request=done.request))
    return EXIT_OK


def cmd_reject(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        approvals.reject(book, current_actor(), args.id, args.reason)
    say(_("Request {request} is rejected; nothing was done.").format(request=args.id))
    return EXIT_OK
