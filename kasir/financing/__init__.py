"""Riba-free financing: murabahah and qard, from application to settlement (a room
made ready; the financing issue fills it).

Will own: financing products, contracts and their schedules, installments and
their receipts, arrears, collectibility and PPAP, write-offs and recoveries;
the accounts of domain.md §2.1 marked ``financing`` (1301–1304, 1311, 1321,
1322, 1331, 1391–1393, 2103, 2104, 5101–5103, 5202, 6207, 6208, 7201).
Today it holds one read, ``queries.outstanding``: what a member still owes, which
the savings exit asks before paying her out (the named edge savings → financing).
May import: ``ledger``, kasir's shared modules, ``members``, ``receipts`` and
``journal.reversals`` (what reversing an akad must undo).
"""
