"""Receipts (kuitansi): numbered gap-free per year, inside the operation's transaction.

Owns: the receipt record and its yearly counter, the receipts list and its
search, and cancelling a receipt (which reverses its operation, through the
journal's reversal registry, and keeps the number). Every cash operation of
every feature (savings today; installments and ZIS later) issues its receipt
with ``rules.issue_receipt`` in its own unit of work, so a receipt number
exists exactly when its entry does.
Owns no account. May import: ``ledger``, kasir's shared modules, and
``kasir.journal.reversals`` (the named edge: a cancellation is a reversal);
its service asks ``kasir.users.permissions`` who may cancel, and records a large
cancellation as a request waiting for approval (``kasir.users.requests``).
"""
