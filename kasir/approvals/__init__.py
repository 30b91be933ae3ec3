"""Carrying out what a second person approved (maker–checker, issue 8).

Owns: approving and rejecting requests, and the table from a request's kind to
the feature service that carries it out (``service.EXECUTORS``): an approved
reversal is ``journal.service.reverse_entry`` with the approver's ``Approval``,
exactly as the treasurer asked it. The requests themselves (recording, the
threshold, nobody deciding their own) belong to ``kasir.users.requests``, which
the features may import; this package sits above the features, as ``imports``
and ``book`` do, and no feature imports it.
Owns no account. May import: ``ledger``, kasir's shared modules, ``users`` and
the features' services.
"""
