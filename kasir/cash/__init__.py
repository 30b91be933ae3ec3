"""The daily cash count (cash opname) and the cash box.

Owns: counting the cash box by denomination against the book, the record of
each confirmed count, and the suspense account of unexplained differences
(1409, owner ``cash_count``), which moves only through a confirmed count.
May import: ``ledger`` and kasir's shared modules; no other feature but
``users.permissions`` (the service asks who may count).
"""
