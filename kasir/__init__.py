"""Kasir: the cooperative's books — members, savings, financing, funds, cashier.

Every business operation is a service function that posts through ``ledger``.
No Qt and no reports here.
"""

__version__ = "0.1.0"
