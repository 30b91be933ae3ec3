"""The maal book's use cases, one unit of work each (the import posts the same drafts)."""

from __future__ import annotations

import datetime as dt

from kasir.actor import Actor
from kasir.funds import rules
from kasir.uow import Book
from kasir.users.permissions import Permission, require
from ledger import posting
from ledger.entry import EntryDraft
from ledger.money import Money
from ledger.posting import PostedRef


def _post(book: Book, actor: Actor, draft: EntryDraft, permission: Permission) -> PostedRef:
    require(book, actor, permission)
    return book.run(lambda s: posting.post(s, draft, user=actor.user), actor=actor)


def receive_zis(book: Book, actor: Actor, day: dt.date, kind: str, amount: Money, *,
                channel: str = "cash", member: str | None = None,
                key: str | None = None) -> PostedRef:
    return _post(book, actor, rules.zis_received(day, kind, amount, channel=channel,
                                                 member=member, key=key),
                 Permission.CASHIER)


def distribute_zis(book: Book, actor: Actor, day: dt.date, kind: str, amount: Money, *,
                   paid_from: str = "cash", programme: str = "",
                   key: str | None = None) -> PostedRef:
    return _post(book, actor, rules.zis_distributed(day, kind, amount, paid_from=paid_from,
                                                    programme=programme, key=key),
                 Permission.FUNDS)


def disburse_benevolence(book: Book, actor: Actor, day: dt.date, amount: Money, *,
                         paid_from: str = "cash", purpose: str = "",
                         key: str | None = None) -> PostedRef:
    return _post(book, actor, rules.benevolence_disbursed(day, amount, paid_from=paid_from,
                                                          purpose=purpose, key=key),
                 Permission.FUNDS)


def receive_non_halal(book: Book, actor: Actor, day: dt.date, amount: Money, *,
                      channel: str = "bank", key: str | None = None) -> PostedRef:
    return _post(book, actor, rules.non_halal_received(day, amount, channel=channel, key=key),
                 Permission.CASHIER)
