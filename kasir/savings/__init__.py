"""Member savings (simpanan): pokok, wajib, sukarela (wadiah) and mudharabah.

Owns: the savings products and every movement of the savings accounts
(2101, 3101, 3102, 4101, 4102) and the wadiah bonus expense (6102): deposits,
withdrawals, transfers between a member's products, the exit that pays them
all out, the board's wadiah bonus; and what a member's page shows (balances,
history, simpanan wajib due and in arrears).
May import: ``ledger``, kasir's shared modules, and these named edges:
``members`` (a savings account is a member's), ``receipts`` (every cash
operation issues one), ``financing.queries`` (a member who still owes financing
cannot leave), ``journal.reversals`` (what reversing an exit must undo, and the
check that no balance goes below zero), ``users.permissions`` (the service
asks who may act: the cashier, the treasurer, the administrator for products) and
``users.requests`` (a product change waits for the approver).
"""
