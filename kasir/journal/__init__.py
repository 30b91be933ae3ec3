"""The general journal: manual entries, reversals, month close, and the journal's reads.

Owns: posting a manual (general-journal) entry, reversing any posted entry
through the registry of ``reversals`` (each feature registers what reversing
its operations must check and undo), closing and reopening months, and the
chart, journal and entry reads the faces show. Its accounts are those the
chart marks ``journal``: every account no other feature owns.
May import: ``ledger`` and kasir's shared modules; it imports no feature (the
features register with it, it never calls them by name) but
``users.permissions`` (the service asks who may post, reverse, close) and
``users.requests`` (a large reversal or a reopened month waits for approval).
"""
