"""Certificate wording: the four default templates and placeholder filling.

A body names its values with ``{placeholder}``. The renderer splits the body at ``{name}``: the
text before it is the opening line, the name is set large on its own line, the rest follows.

Arabic wording agrees with the person: a template has a masculine and a feminine body
(«المتطوع … حضر … له» / «المتطوعة … حضرت … لها»), and the slash form («المتطوع/ـة … حضر/ت»)
is the `body` printed only when the person's gender is not recorded. English templates are neutral
and leave the gendered bodies empty.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

PLACEHOLDERS = frozenset({"name", "event", "body", "hours", "hijri_date", "gregorian_date", "place"})


class TemplateError(ValueError):
    """A template uses a placeholder that does not exist, or a value is missing."""


@dataclass(frozen=True, slots=True)
class CertificateTemplate:
    key: str
    kind: Literal["attendance", "appreciation"]
    lang: Literal["ar", "en"]
    title: str
    body: str  # for a person whose gender is not recorded (Arabic: the slash form)
    body_masculine: str = ""  # empty: `body` is used
    body_feminine: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    page: Literal["A4", "A5"] = "A4"
    orientation: Literal["landscape", "portrait"] = "landscape"

    def __post_init__(self) -> None:
        for text in (self.body, self.body_masculine, self.body_feminine):
            check_placeholders(text, self.key)

    def body_for(self, gender: str | None) -> str:
        """The wording for a man ('m'), a woman ('f'), or the slash form when unknown (None)."""
        if gender == "m" and self.body_masculine.strip():
            return self.body_masculine
        if gender == "f" and self.body_feminine.strip():
            return self.body_feminine
        return self.body


def placeholders(text: str) -> list[str]:
    """Placeholder names used in ``text``, in order."""
    try:
        return [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as exc:  # unbalanced braces
        raise TemplateError(f"template text is not valid: {exc}") from exc


def check_placeholders(text: str, key: str = "") -> None:
    unknown = [p for p in placeholders(text) if p not in PLACEHOLDERS]
    if unknown:
        where = f" in template {key!r}" if key else ""
        raise TemplateError(
            f"unknown placeholder {{{unknown[0]}}}{where}; allowed: "
            + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        )


def fill(template: CertificateTemplate | str, data: Mapping[str, str]) -> str:
    """Substitute placeholders in a template's body (or in a plain template string)."""
    text = template.body if isinstance(template, CertificateTemplate) else template
    key = template.key if isinstance(template, CertificateTemplate) else ""
    check_placeholders(text, key)
    missing = [p for p in placeholders(text) if p not in data]
    if missing:
        raise TemplateError(f"no value for placeholder {{{missing[0]}}}")
    return text.format_map({k: str(v) for k, v in data.items()})


def split_at_name(body: str) -> tuple[str, str]:
    """(text before {name}, text after {name}); ("", body) if the body does not name the person."""
    before, sep, after = body.partition("{name}")
    if not sep:
        return "", body
    return before.strip(), after.strip()


# «ومدة مشاركته {hours}»: a nominal sentence keeps the counted noun in the nominative its plural
# form is written in («ساعتان»); after «بواقع» it would have to be «ساعتين».
_ATTENDANCE_AR = (
    "تشهد {body} بأن المتطوع/ـة {name} "
    "قد حضر/ت {event} المقام في {place} بتاريخ {hijri_date} الموافق {gregorian_date}، "
    "ومدة مشاركته/ا فيه {hours} من العمل التطوعي، "
    "مع تمنياتنا له/ا بدوام التوفيق والسداد."
)
_ATTENDANCE_AR_M = (
    "تشهد {body} بأن المتطوع {name} "
    "قد حضر {event} المقام في {place} بتاريخ {hijri_date} الموافق {gregorian_date}، "
    "ومدة مشاركته فيه {hours} من العمل التطوعي، "
    "مع تمنياتنا له بدوام التوفيق والسداد."
)
_ATTENDANCE_AR_F = (
    "تشهد {body} بأن المتطوعة {name} "
    "قد حضرت {event} المقام في {place} بتاريخ {hijri_date} الموافق {gregorian_date}، "
    "ومدة مشاركتها فيه {hours} من العمل التطوعي، "
    "مع تمنياتنا لها بدوام التوفيق والسداد."
)
_APPRECIATION_AR = (
    "تتقدم {body} بخالص الشكر وعظيم الامتنان إلى المتطوع/ـة {name} "
    "تقديرًا لما بذله/ا من جهود مخلصة وعطاء متميز في {event} المقام في {place} "
    "بتاريخ {hijri_date} الموافق {gregorian_date}، ومدة مشاركته/ا فيه {hours} من العمل التطوعي، "
    "سائلين الله أن يجزيه/ا خير الجزاء وأن يوفقه/ا لكل خير."
)
_APPRECIATION_AR_M = (
    "تتقدم {body} بخالص الشكر وعظيم الامتنان إلى المتطوع {name} "
    "تقديرًا لما بذله من جهود مخلصة وعطاء متميز في {event} المقام في {place} "
    "بتاريخ {hijri_date} الموافق {gregorian_date}، ومدة مشاركته فيه {hours} من العمل التطوعي، "
    "سائلين الله أن يجزيه خير الجزاء وأن يوفقه لكل خير."
)
_APPRECIATION_AR_F = (
    "تتقدم {body} بخالص الشكر وعظيم الامتنان إلى المتطوعة {name} "
    "تقديرًا لما بذلته من جهود مخلصة وعطاء متميز في {event} المقام في {place} "
    "بتاريخ {hijri_date} الموافق {gregorian_date}، ومدة مشاركتها فيه {hours} من العمل التطوعي، "
    "سائلين الله أن يجزيها خير الجزاء وأن يوفقها لكل خير."
)
_ATTENDANCE_EN = (
    "{body} certifies that {name} "
    "attended {event}, held at {place} on {gregorian_date} ({hijri_date}), "
    "and contributed {hours} of volunteer work. We wish them every success."
)
_APPRECIATION_EN = (
    "{body} extends its sincere thanks and appreciation to {name} "
    "for the dedication and generous effort given to {event}, held at {place} on "
    "{gregorian_date} ({hijri_date}), contributing {hours} of volunteer service."
)

DEFAULT_TEMPLATES: dict[str, CertificateTemplate] = {
    t.key: t
    for t in (
        CertificateTemplate(
            key="attendance-ar",
            kind="attendance",
            lang="ar",
            title="شهادة حضور",
            body=_ATTENDANCE_AR,
            body_masculine=_ATTENDANCE_AR_M,
            body_feminine=_ATTENDANCE_AR_F,
            signatory_name="",
            signatory_title="مدير إدارة المشاركة المجتمعية",
        ),
        CertificateTemplate(
            key="appreciation-ar",
            kind="appreciation",
            lang="ar",
            title="شهادة شكر وتقدير",
            body=_APPRECIATION_AR,
            body_masculine=_APPRECIATION_AR_M,
            body_feminine=_APPRECIATION_AR_F,
            signatory_name="",
            signatory_title="مدير إدارة المشاركة المجتمعية",
        ),
        CertificateTemplate(
            key="attendance-en",
            kind="attendance",
            lang="en",
            title="Certificate of Attendance",
            body=_ATTENDANCE_EN,
            signatory_name="",
            signatory_title="Director of Community Participation",
        ),
        CertificateTemplate(
            key="appreciation-en",
            kind="appreciation",
            lang="en",
            title="Certificate of Appreciation",
            body=_APPRECIATION_EN,
            signatory_name="",
            signatory_title="Director of Community Participation",
        ),
    )
}


def default_template(key: str) -> CertificateTemplate:
    try:
        return DEFAULT_TEMPLATES[key]
    except KeyError:
        raise TemplateError(f"no certificate template {key!r}") from None
