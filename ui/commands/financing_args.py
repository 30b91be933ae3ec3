"""The arguments of ``kasir financing apply | pay | ...`` (``ui.commands.financing_ops``
carries them out): parsing them needs none of the financing service, so ``ui.cli`` builds
its parser without loading it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kasir.i18n import _


def add_parsers(verbs: argparse._SubParsersAction,  # type: ignore[type-arg]
                book_options: Callable[[argparse.ArgumentParser], None],
                amount: Callable[[str], object], date: Callable[[str], object]) -> None:
    """The operations' arguments (called by ``ui.cli``, which only parses)."""
    apply = verbs.add_parser("apply", help=_("record an application (murabahah or qard)"))
    apply.add_argument("member")
    apply.add_argument("--kind", choices=("murabahah", "qard"), default="murabahah")
    apply.add_argument("--cost", type=amount, required=True,
                       help=_("what the goods cost the cooperative; a qard's amount"))
    apply.add_argument("--margin", type=amount)
    apply.add_argument("--tenor", type=int, required=True, help=_("number of installments"))
    apply.add_argument("--frequency", choices=("weekly", "fortnightly", "monthly"))
    apply.add_argument("--first-due", dest="first_due", type=date, required=True)
    apply.add_argument("--down-payment", dest="down_payment", type=amount)
    apply.add_argument("--admin-fee", dest="admin_fee",
                       help=_("a fixed amount in rupiah, never a percentage"))
    apply.add_argument("--goods")
    apply.add_argument("--supplier")
    apply.add_argument("--product")
    apply.add_argument("--fund", choices=("own", "kebajikan"), default="own")
    apply.add_argument("--wakalah", action="store_true",
                       help=_("the member buys the goods as the cooperative's agent"))
    simple = {name: verbs.add_parser(name, help=text) for name, text in (
        ("purchase", _("the cooperative pays for the goods")),
        ("goods-received", _("the agent hands over the goods (wakalah)")),
        ("sign", _("sign the akad: the sale to the member")),
        ("disburse", _("pay out a qard")),
        ("settle", _("early settlement: the unearned margin is not billed")))}
    with_amount = {name: verbs.add_parser(name, help=text) for name, text in (
        ("down-payment", _("receive the down payment (urbun)")),
        ("pay", _("an installment")),
        ("recover", _("money recovered on a written-off contract")))}
    reschedule = verbs.add_parser("reschedule", help=_("spread what is owed over a new term, "
                                                       "without extra margin"))
    write_off = verbs.add_parser("write-off", help=_("write off (needs a ketua's approval)"))
    cancel = verbs.add_parser("cancel", help=_("cancel before the akad"))
    allowance = verbs.add_parser("allowance", help=_("post the allowance (PPAP) required"))
    allowance.add_argument("--as-of", dest="as_of", type=date)
    product = verbs.add_parser("product", help=_("change a financing product's settings "
                                                 "(needs a ketua's approval)"))
    product.add_argument("code", help=_("the product's code, like MRB"))
    product.add_argument("--name")
    product.add_argument("--frequency", choices=("weekly", "fortnightly", "monthly"))
    product.add_argument("--rounding", type=amount, help=_("round installments up to this, "
                                                           "like 500"))
    product.add_argument("--method", choices=("proportional", "annuity"))
    product.add_argument("--admin-fee", dest="admin_fee",
                         help=_("a fixed amount in rupiah, never a percentage"))
    product.add_argument("--tazir", help=_("the fine for a member who delays, a fixed "
                                           "amount (to the benevolence fund)"))
    product.add_argument("--fine-account", dest="fine_account",
                         help=_("where fines go: 2121 or 7303, never income"))
    classes = verbs.add_parser("classes", help=_("collectibility classes: preset A (KSPPS) "
                                                 "or B (bank)"))
    classes.add_argument("--preset", choices=("A", "B"), required=True)
    for verb in with_amount.values():
        verb.add_argument("contract")
        verb.add_argument("amount", type=amount)
    with_amount["pay"].add_argument("--tazir", type=amount,
                                    help=_("the fine fixed in the akad, for a member who "
                                           "delays (to the benevolence fund)"))
    with_amount["pay"].add_argument("--paid-by", dest="paid_by",
                                    help=_("the member paying for her (tanggung renteng)"))
    for verb in (*simple.values(), reschedule, write_off, cancel):
        verb.add_argument("contract")
    reschedule.add_argument("--tenor", type=int, required=True)
    reschedule.add_argument("--first-due", dest="first_due", type=date, required=True)
    for verb in (reschedule, cancel):
        verb.add_argument("--reason", required=True)
    cancel.add_argument("--actual-cost", dest="actual_cost", type=amount)
    write_off.add_argument("--charged-to", dest="charged_to", default="allowance",
                           choices=("allowance", "kebajikan"))
    for verb in (apply, *simple.values(), *with_amount.values(), reschedule, write_off,
                 cancel):
        verb.add_argument("--date", type=date)
    for verb in (*simple.values(), *with_amount.values(), cancel):
        verb.add_argument("--channel", choices=("cash", "bank"), default="cash")
    for verb in (apply, *simple.values(), *with_amount.values(), reschedule, write_off,
                 cancel, allowance, product, classes):
        book_options(verb)
