"""Year-end closing and SHU (a room made ready; the closing issue fills it).

Holds today only ``rules.fund_used``: spending the education and social funds
that the year-end close sets aside from SHU (the import posts it).
Will own: the year-end close (closing entries into SHU tahun berjalan), the
SHU computation and its distribution as the members' meeting (RAT) decides,
and the accounts of domain.md §2.1 marked ``closing`` (2106, 2108–2112, 4301,
4401, 4402). Month close and reopening stay with the journal (``journal``).
May import: ``ledger``, kasir's shared modules, ``members``, ``savings.queries``
(each member's share by her savings) and ``journal.reversals``.
"""
