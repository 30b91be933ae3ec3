"""``kasir user add | list | passwd | disable | recover | log``: the people who keep the book.

Each calls one service of ``kasir.users``; the services decide who may (the
administrator manages users; anyone signed in changes her own password). A new
password is typed twice at a terminal, or read from ``KASIR_NEW_PASSWORD`` by a
script. ``recover`` is the documented way back in for an administrator who
forgot her password: it needs no sign-in, only the operating system's leave to
write the book's file on this computer, and it is recorded in the book.
"""

from __future__ import annotations

import argparse

from kasir.actor import Actor
from kasir.book import open_book
from kasir.i18n import _
from kasir.users import service as users
from reports import tabular
from ui.commands.output import EXIT_OK, emit, say
from ui.commands.signin import new_password
from ui.user import current_actor

USER_COLUMNS = ("name", "full_name", "role", "active", "created_at")
EVENT_COLUMNS = ("at", "user", "event", "by", "computer", "os_user", "note")


def cmd_user(args: argparse.Namespace) -> int:
    return {"add": _add, "list": _list, "passwd": _passwd, "disable": _disable,
            "recover": _recover, "log": _log}[args.action](args)


def _add(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        first = not users.book_has_users(book)
        password = new_password(args.name)
        row = users.add_user(book, current_actor(), args.name, args.role, password,
                             args.full_name or "")
    say(_("User {name} added as {role}.").format(name=row.name, role=row.role))
    if first:
        say(_("The book now has its administrator: from now on everyone signs in "
              "(--user NAME)."))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        rows = users.users(book)
    emit(tabular.render([{"name": r.name, "full_name": r.full_name, "role": r.role,
                          "active": "yes" if r.active else "no",
                          "created_at": r.created_at.isoformat(timespec="seconds")}
                         for r in rows], USER_COLUMNS, "tsv"))
    return EXIT_OK


def _passwd(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        password = new_password(args.name)
        users.change_password(book, current_actor(), args.name, password)
    say(_("The password of {name} was changed.").format(name=args.name))
    return EXIT_OK


def _disable(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        users.disable_user(book, current_actor(), args.name)
    say(_("{name} is disabled: she can no longer sign in; her postings keep her name.")
        .format(name=args.name))
    return EXIT_OK


def _recover(args: argparse.Namespace) -> int:
    here = Actor.from_os()
    with open_book(args.book) as book:
        password = new_password(args.name)
        users.recover_admin(book, args.name, password)
    say(_("The administrator {name} has a new password. The recovery is recorded in the book "
          "with the time, this computer ({computer}) and the login {login}.")
        .format(name=args.name, computer=here.computer, login=here.user))
    return EXIT_OK


def _log(args: argparse.Namespace) -> int:
    with open_book(args.book) as book:
        rows = users.user_events(book, args.name)
    emit(tabular.render([{"at": e.at.isoformat(timespec="seconds"), "user": e.user,
                          "event": e.event, "by": e.by, "computer": e.computer,
                          "os_user": e.os_user, "note": e.note} for e in rows],
                        EVENT_COLUMNS, "tsv"))
    return EXIT_OK
