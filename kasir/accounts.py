"""The accounts the cooperative's rules name, by their role, and who owns each.

Code never writes a four-digit account code: it names the *role* an account
plays (``AccountRole.CASH``, ``AccountRole.WADIAH`` ...), and this table maps
each role to the default chart's code (``resources/coa/default_chart.csv``).
A role is a ``str`` equal to its code, so it goes wherever a code goes.

Each account of the chart also has an *owner* (``domain.md`` §2.1), stored in
the book (``account.owner``, from the chart's ``owner`` column): the feature
whose service alone may move it. The general journal (``journal``) posts to
the accounts nobody else owns.
"""

from __future__ import annotations

from enum import StrEnum


class AccountRole(StrEnum):
    # cash and bank
    CASH = "1101"
    BANK = "1111"
    BANK_MUDHARABAH = "1112"  # placements earning a profit share
    CONVENTIONAL_BANK = "1113"  # its interest is non-halal: never income
    # financing (financing/)
    MURABAHAH_RECEIVABLE = "1301"
    DEFERRED_MARGIN = "1302"  # MMD, contra to 1301
    MURABAHAH_INVENTORY = "1303"  # goods bought, before the akad
    WAKALAH_ADVANCE = "1304"  # money with the member buying as the cooperative's agent
    QARD_RECEIVABLE = "1311"
    MUDHARABAH_FINANCING = "1321"
    MUSYARAKAH_FINANCING = "1322"
    IJARAH_RECEIVABLE = "1331"
    MURABAHAH_ALLOWANCE = "1391"  # PPAP, contra
    QARD_ALLOWANCE = "1392"
    # other assets
    CASH_SUSPENSE = "1409"  # unexplained cash-count differences
    EQUIPMENT = "1501"
    ACCUMULATED_DEPRECIATION = "1502"
    # liabilities
    WADIAH = "2101"  # simpanan sukarela
    MURABAHAH_DOWN_PAYMENT = "2103"  # urbun held before the akad
    PROFIT_SHARE_PAYABLE = "2105"  # the share of a member who left before it was posted
    TAX_PAYABLE = "2107"
    EDUCATION_FUND = "2110"
    SOCIAL_FUND = "2111"
    BENEVOLENCE_HELD = "2121"  # fines and non-halal money, before the maal book
    PROGRAMME_REVOLVING_FUND = "2202"  # a grant the donor wants back
    # temporary syirkah funds
    MUDHARABAH_SAVINGS = "3101"
    # equity
    SIMPANAN_POKOK = "4101"
    SIMPANAN_WAJIB = "4102"
    DONATED_CAPITAL = "4201"
    # income
    MARGIN_INCOME = "5101"
    FINANCING_PROFIT_SHARE_INCOME = "5102"
    ADMIN_FEE_INCOME = "5201"  # a qard's fee at actual cost, a murabahah's admin fee
    TAWIDH_INCOME = "5202"  # actual costs recovered, never a fine
    OTHER_INCOME = "5401"  # recoveries of written-off financing
    BANK_PROFIT_SHARE_INCOME = "5301"
    # expenses
    PROFIT_SHARE_EXPENSE = "6101"  # hak pihak ketiga atas bagi hasil
    WADIAH_BONUS_EXPENSE = "6102"
    STAFF_INCENTIVES = "6201"
    MEETINGS_AND_TRANSPORT = "6202"
    STATIONERY = "6203"
    RAT_EXPENSE = "6204"
    DEPRECIATION_EXPENSE = "6205"
    RENT = "6206"
    ALLOWANCE_EXPENSE = "6207"  # beban PPAP
    WRITEOFF_EXPENSE = "6208"  # what a write-off costs beyond the allowance
    BANK_CHARGES = "6209"
    UTILITIES = "6211"
    OTHER_EXPENSES = "6299"
    # the maal book
    MAAL_CASH = "7101"
    MAAL_BANK = "7102"
    MAAL_QARD_RECEIVABLE = "7201"
    ZAKAT_FUND = "7301"
    INFAQ_FUND = "7302"  # infak and sedekah
    BENEVOLENCE_FUND = "7303"


class Owner(StrEnum):
    """The feature whose service alone may move an account (``account.owner``)."""

    SAVINGS = "savings"
    PROFIT_SHARE = "profit_share"
    FINANCING = "financing"
    FUNDS = "funds"
    CASH_COUNT = "cash_count"
    CLOSING = "closing"
    JOURNAL = "journal"  # nobody's: the general journal posts here


# Which owners' accounts each kind of operation may move (stored in the book as
# ``operation_permit``, checked on posting by the ledger and by the database). Financing's
# kinds are named now so its room opens onto permits that already hold.
PERMITS: dict[str, tuple[Owner, ...]] = {
    "deposit": (Owner.SAVINGS,), "withdrawal": (Owner.SAVINGS,), "transfer": (Owner.SAVINGS,),
    "member_exit": (Owner.SAVINGS,), "wadiah_bonus": (Owner.SAVINGS,),
    "profit_share": (Owner.PROFIT_SHARE, Owner.SAVINGS),
    "profit_share_payout": (Owner.PROFIT_SHARE,),
    "cash_count": (Owner.CASH_COUNT,),
    "zis_received": (Owner.FUNDS,), "zis_distributed": (Owner.FUNDS,),
    "kebajikan_disbursed": (Owner.FUNDS,), "non_halal_received": (Owner.FUNDS,),
    "fund_used": (Owner.CLOSING,),
    **{kind: (Owner.FINANCING, Owner.FUNDS) for kind in (
        "murabahah_contract", "installment", "murabahah_settlement", "murabahah_writeoff",
        "writeoff_recovery", "qard_disbursed", "qard_repayment", "qard_writeoff",
        "allowance", "murabahah_down_payment", "murabahah_purchase", "murabahah_cancel")},
}

# Money moves by cash or bank: the account each channel names, in each book.
CHANNELS = {"cash": AccountRole.CASH, "bank": AccountRole.BANK}
MAAL_CHANNELS = {"cash": AccountRole.MAAL_CASH, "bank": AccountRole.MAAL_BANK}
