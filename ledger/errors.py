"""Refusals of the ledger, as message ids with parameters.

The ledger speaks no language: an error carries an English template (marked for
translation with ``N_``) and its parameters, and the face that shows it
translates the template. This keeps the kernel free of gettext and lets the
command line and the window word the same refusal the same way.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a string for extraction into the catalog without translating it here."""
    return message


def english_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as the English text shows them: a nested translatable reason (anything
    with ``english()``) in English too, whatever language the face speaks now."""
    return {k: v.english() if callable(getattr(v, "english", None)) else v
            for k, v in params.items()}


class LedgerError(Exception):
    """A refused operation; nothing was written."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        return self.template.format(**english_params(self.params))


class Problem(LedgerError):
    """One thing wrong with a draft entry (several may be reported together)."""


class NotFound(LedgerError):
    pass


class InvalidDraft(LedgerError):
    """A draft refused for one or more problems, all of them listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.template, **first.params)

    def english(self) -> str:
        return "; ".join(p.english() for p in self.problems)
