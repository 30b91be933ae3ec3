"""The member register's use cases, one unit of work each (window and command line)."""

from __future__ import annotations

from kasir.actor import Actor
from kasir.members import queries, rules
from kasir.members.queries import GroupRow, MemberRow
from kasir.members.rules import GroupInput, MemberInput
from kasir.uow import Book
from kasir.users.permissions import Permission, require

__all__ = ["GroupInput", "GroupRow", "MemberInput", "MemberRow", "create_group",
           "create_member", "find_members", "groups", "next_member_number", "update_group",
           "update_member"]


def find_members(book: Book, text: str = "", group: str | None = None,
                 status: str | None = None, limit: int = 50) -> list[MemberRow]:
    """Members whose number or name contains ``text``; an exact number comes first."""
    return book.read(lambda s: queries.search(s, text, group_code=group or None,
                                              status=status or None, limit=limit))


def next_member_number(book: Book) -> str:
    return book.read(queries.next_member_number)


def create_member(book: Book, actor: Actor, m: MemberInput) -> None:
    require(book, actor, Permission.REGISTER_MEMBER)
    book.run(lambda s: rules.add_member(s, m), actor=actor)


def update_member(book: Book, actor: Actor, m: MemberInput) -> None:
    require(book, actor, Permission.REGISTER_MEMBER)
    book.run(lambda s: rules.update_member(s, m), actor=actor)


def groups(book: Book) -> list[GroupRow]:
    return book.read(queries.group_rows)


def create_group(book: Book, actor: Actor, g: GroupInput) -> None:
    require(book, actor, Permission.REGISTER_MEMBER)
    book.run(lambda s: rules.add_group(s, g), actor=actor)


def update_group(book: Book, actor: Actor, code: str, g: GroupInput) -> None:
    require(book, actor, Permission.REGISTER_MEMBER)
    book.run(lambda s: rules.update_group(s, code, g), actor=actor)
