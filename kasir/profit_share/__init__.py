"""Monthly profit sharing (bagi hasil) on mudharabah savings: never interest.

Owns: computing a month's profit sharing from the income received and each
member's average daily balance, posting it once, and the accounts of §2.1
marked ``profit_share`` (6101 the depositors' share, 2105 share payable).
The share of a member who left before the month was posted waits for her as a
payable (2105), which the cashier pays out with a receipt (``pay_out``).
May import: ``ledger``, kasir's shared modules, and the named edges ``members``
(names, who has left), ``receipts`` (a payout issues one) and ``savings`` (the
mudharabah product and its nisbah; the check that a reversal leaves no savings
below zero); its service asks ``users.permissions`` who may post and pay out.
"""
