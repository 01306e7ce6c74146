"""The server's user-facing error: a bilingual message (core.i18n) plus the HTTP status it maps to."""

from __future__ import annotations

from fieldapp.core.errors import FieldAppError


class ServerError(FieldAppError):
    """A refusal the caller can understand and fix: exit 2 in server-admin, JSON with `status` over HTTP."""

    def __init__(self, key: str, status: int = 400, **params: object) -> None:
        self.status = status
        super().__init__(key, None, **params)

    def as_json(self) -> dict[str, str]:
        return {"error": self.key, "message_ar": self.message("ar"), "message_en": self.message("en")}
