"""People who keep the book (a room made ready; the people-and-seals issue fills it).

Will own: users and their roles (admin, bendahara, kasir, ketua, pengawas),
sign-in with Argon2-hashed passwords, the permissions every service checks on
the ``kasir.actor.Actor`` it is given, and maker–checker requests.
Owns no account. May import: ``ledger``, kasir's shared modules only: every
feature may ask it whether an actor may act, so it depends on none of them.
"""
