"""Roles and what they may do. Checked in the services; the GUI only greys out what is refused."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.core import i18n
from fieldapp.core.errors import ContractError, PermissionDenied

ROLES = ("coordinator", "supervisor", "admin")

# action -> lowest role allowed
_MIN_ROLE = {
    "scan": "coordinator",
    "walk_in": "coordinator",
    "handover": "coordinator",
    "visit.edit": "coordinator",
    "certificate.print": "coordinator",
    "sync": "coordinator",
    "void": "supervisor",
    "roster.edit": "supervisor",
    "body.merge": "supervisor",
    "roster.import": "supervisor",
    "stock.adjust": "supervisor",
    "stock.receive": "supervisor",  # +500 into stock counts like an adjustment, with a source
    "gift.limit": "supervisor",  # a gift type's per-recipient limit
    "event.edit": "supervisor",
    "checksum.override": "supervisor",
    "backup": "supervisor",
    "sync.review": "supervisor",  # conflicts, duplicates and set-aside ops after sync
    "users.manage": "admin",
    "settings.edit": "admin",
    "restore": "admin",
    "export.all": "admin",  # every table as JSON (the audit trail and the users included)
}

ROLE_NAMES = {
    "coordinator": ("منسق", "Coordinator"),
    "supervisor": ("مشرف", "Supervisor"),
    "admin": ("مدير النظام", "Administrator"),
}

i18n.register(
    {
        "permission.denied": (
            "صلاحية «{role}» لا تسمح بهذا الإجراء؛ يلزم «{needed}» على الأقل.",
            "The role '{role}' may not do this; it needs '{needed}' or higher.",
        )
    }
)


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or a named local actor (the CLI). Always given explicitly."""

    user_name: str
    role: str
    user_id: str | None = None


def allowed(role: str, action: str) -> bool:
    return ROLES.index(role) >= ROLES.index(_MIN_ROLE[action])


def require(actor: Actor | None, action: str) -> None:
    if actor is None:
        raise ContractError(f"'{action}' needs an actor and none was given")
    if not allowed(actor.role, action):
        lang = i18n.language()
        index = 0 if lang == "ar" else 1
        raise PermissionDenied(
            "permission.denied",
            role=ROLE_NAMES[actor.role][index],
            needed=ROLE_NAMES[_MIN_ROLE[action]][index],
        )
