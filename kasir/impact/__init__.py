"""Programme impact surveys (a room made ready for the impact issue).

Will own: the household surveys a programme takes at entry and each year
(income, assets, children at school, the poverty line), kept per member and
reported per group and village. Owns no account and posts nothing.
May import: ``ledger``, kasir's shared modules, ``members``.
"""
