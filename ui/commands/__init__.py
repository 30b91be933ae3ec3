"""The ``kasir`` sub-commands, one module a family: each parses nothing (``ui.cli`` did),
calls one service and prints. No Qt, no SQL."""
