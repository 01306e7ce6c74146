"""Errors that carry a user-facing, bilingual message (see core.i18n)."""

from __future__ import annotations

from collections.abc import Callable

from fieldapp.core import i18n


class FieldAppError(Exception):
    """A failure the user caused or can fix: shown as a message, never as a traceback."""

    def __init__(self, key: str, field: str | None = None, **params: object) -> None:
        self.key = key
        self.field = field
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None, shown: Callable[[str, object], object] | None = None) -> str:
        """shown(name, value): how a screen presents a parameter (the GUI isolates an address)."""
        # A param may itself be a message in both languages: a callable taking the language.
        params = {k: v(lang) if callable(v) else v for k, v in self.params.items()}
        if shown is not None:
            params = {k: shown(k, v) for k, v in params.items()}
        return i18n.msg(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message()


class ValidationError(FieldAppError):
    """Input that breaks a rule (an ID, a mobile number, an empty name...)."""


class NotFoundError(FieldAppError):
    """A referenced record does not exist."""


class PermissionDenied(FieldAppError):
    """The signed-in user's role does not allow this action."""


class ContractError(RuntimeError):
    """Code called a service the way the write contract forbids (a write with no actor, a
    transaction outside a write): a bug, never a user error, so it is not a FieldAppError."""
