"""People who keep the book: users, their roles, sign-in and what each role may do.

Owns: the users (``book_user``: a unique name, a full name, one role of
``admin``, ``bendahara``, ``kasir``, ``ketua``, ``pengawas``, an Argon2 password
hash, an active flag) and the trace of what was done to their accounts
(``book_user_event``); signing in (``service.sign_in`` gives the
``kasir.actor.Actor`` every service takes); the recovery of a forgotten
administrator password on the computer holding the file; and ``permissions``:
the roles table of ``shared/spec/cli.md`` and the guard ``require`` that every
write service calls first, so the window and the command line refuse alike.
A book with no users is open, as a new book is; its first user is its
administrator. Maker–checker ``requests``: what waits for a second person
(reversals above the threshold, reopening a month, product changes, restores),
recorded by the feature's service and settled in the transaction that carries
it out; ``kasir.approvals`` (above the features) approves and rejects.
Owns no account. May import: ``ledger`` and kasir's shared modules only. It is
the named edge every feature's service shares (``kasir.*.service ->
kasir.users.permissions`` and ``-> kasir.users.requests``): every feature asks it
whether an actor may act, so it imports none of them.
"""
