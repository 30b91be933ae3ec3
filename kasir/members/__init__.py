"""Members (anggota) and their groups (kelompok).

Owns: the member register (number, name, NIK, group, status) and the groups
of about five that meet weekly; each member is also a ledger *party*, so her
balances are queries over the journal lines that carry her.
Owns no account. May import: ``ledger``, kasir's shared modules (uow, actor,
errors, settings) and ``users.permissions`` (the service asks who may act). Other features ask for a member through ``rules.get_member``
and the read DTOs of ``queries``.

Modules: ``models`` (tables), ``rules`` (session-level checks and changes),
``service`` (the use cases the window and the command line call),
``queries`` (what the screens and reports read).
"""
