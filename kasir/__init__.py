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
- rooms made ready: ``financing``, ``closing``, ``users``, ``impact``.

Shared by all of them: ``uow`` (the open book and its unit of work), ``actor``
(who acts), ``clock`` (today), ``accounts`` (account roles and owners),
``recipes`` (posting rules as data), ``settings``, ``errors``, ``i18n``,
``numbers``, ``terbilang``, ``jsonfile`` (strict reading of event and entry files). The features are independent except the named edges
each ``__init__`` lists; the import-linter contracts in ``pyproject.toml`` hold
them. No Qt and no reports here.
"""

__version__ = "0.1.0"
