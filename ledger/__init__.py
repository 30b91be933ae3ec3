"""The accounting kernel: chart, journal, periods, balances. Knows nothing of
members, Qt or PDFs, and imports nothing else from this project."""
