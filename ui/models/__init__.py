"""Qt item models over plain rows handed back by kasir and reports (never ORM objects)."""
