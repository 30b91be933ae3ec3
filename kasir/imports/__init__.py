"""Importing a business-event file (``*.events.jsonl``, ``spec/events.md``).

Owns: reading the file, the identity of each imported event (so a file never
posts twice) and the table from event type to the rules a screen's service
uses (``handlers.HANDLERS``): an imported deposit is checked and posted exactly
as the cashier's is. Owns no account.
May import: ``ledger``, kasir's shared modules and every feature's ``rules``
(it sits above the features, as the faces do; no feature imports it).
"""
