"""Zakat, infak and sedekah (ZIS) and the benevolence fund (dana kebajikan): the maal book.

Owns: the maal book's cash and bank (7101, 7102), the ZIS funds (7301–7304)
and the benevolence money held before it reaches the maal book (2121): money
received for a fund, given out from it, and the non-halal money (conventional
bank interest, fines) that may go nowhere else. Fines and non-halal receipts
reach the benevolence fund only through these operations, never income.
May import: ``ledger`` and kasir's shared modules; no other feature but
``users.permissions`` (the service asks who may receive and pay out).
"""
