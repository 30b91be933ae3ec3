"""Read-side: reports computed from queries and rendered to text, PDF and
spreadsheets. No Qt here."""
