"""Kasir: the cooperative's books — members, savings, financing, funds, cashier.

One feature package a room, each with its ``models`` (tables), ``rules``
(session-level checks and postings through ``ledger``), ``service`` (one unit of
work per use case: the only thing the window and the command line call) and
``queries`` (plain rows for screens and reports):

- ``members``: the register and the groups;
- ``savings``: deposits, withdrawals, transfers, exits, the wadiah bonus;
- ``receipts``: gap-free receipt numbers, the list, cancelling;
- ``cash``: the daily cash count;
- ``profit_share``: the monthly mudharabah profit sharing;
- ``funds``: zakat, infak, sedekah and the benevolence fund (the maal book);
- ``journal``: manual entries, reversals through each owner's rules, month close;
- ``imports``: business-event files, each event type mapped to a feature's rules;
- ``book``: creating, opening, upgrading, backing up, restoring, verifying, the demo;
- ``users``: the people who keep the book, their roles, sign-in, the guard
  (``users.permissions.require``) every write service calls first, and the
  maker–checker requests (``users.requests``) a feature records;
- ``approvals``: approving or rejecting a request, carried out through the
  feature's own service (it sits above the features, as ``imports`` and ``book``);
- rooms made ready: ``financing``, ``closing``, ``impact``.

Shared by all of them: ``uow`` (the open book and its unit of work), ``actor``
(who acts), ``clock`` (today), ``accounts`` (account roles and owners),
``recipes`` (posting rules as data), ``settings``, ``errors``, ``i18n``,
``numbers``, ``terbilang``, ``jsonfile`` (strict reading of event and entry files). The features are independent except the named edges
each ``__init__`` lists, and one edge they all share: every feature's ``service``
may import ``kasir.users.permissions`` (who may act) and ``kasir.users.requests``
(what waits for a second person), and ``users`` imports no feature. The import-linter contracts in ``pyproject.toml`` hold them. No Qt and
no reports here.
"""

__version__ = "0.1.0"
