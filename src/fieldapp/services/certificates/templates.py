"""Templates and preview: the built-in texts with the organisation's edits, the live preview of the
settings screen, and the logo and signature images printed on certificates."""

from __future__ import annotations

import shutil
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from fieldapp.certificates import signing
from fieldapp.certificates.render import CertificateData, render_certificates
from fieldapp.certificates.templates import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    CertificateTemplate,
    TemplateError,
    fill,
)
from fieldapp.core import dates, i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.certificates.common import DEFAULT_ORG_CODE, DEFAULT_ORG_NAME
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.services.settings import store_setting
from fieldapp.store.models import Setting

i18n.register(
    {
        "certificate.template_unknown": (
            "قالب الشهادة «{template}» غير موجود؛ المتاح: {known}.",
            "There is no certificate template '{template}'; available: {known}.",
        ),
        "certificate.template_invalid": (
            "نص القالب «{template}» غير صالح: {detail}",
            "The text of template '{template}' is not valid: {detail}",
        ),
        "certificate.template_field": (
            "الحقل «{name}» غير معروف في القالب؛ المتاح: {known}.",
            "Unknown template field '{name}'; allowed: {known}.",
        ),
        "certificate.template_value": (
            "قيمة «{name}» في القالب غير صالحة ({value})؛ المتوقع: {expected}.",
            "Template field '{name}' has an invalid value ({value}); expected: {expected}.",
        ),
    }
)

TEMPLATE_FIELDS = frozenset(
    {
        "title",
        "body",
        "body_masculine",
        "body_feminine",
        "signatory_name",
        "signatory_title",
        "page",
        "orientation",
        "kind",
        "lang",
        "based_on",
    }
)
_TEMPLATE_CHOICES = {
    "page": ("A4", "A5"),
    "orientation": ("landscape", "portrait"),
    "kind": ("attendance", "appreciation"),
    "lang": ("ar", "en"),
}
#: the settings that hold the certificate images (files copied into DATA_DIR/branding)
BRANDING_KEYS = ("certificates.logo", "certificates.signature")
_TEMPLATES_SETTING = "certificates.templates"


class Templates(Service):
    """Templates, preview and branding (a part of CertificatesService)."""

    def template_keys(self) -> list[str]:
        return sorted(self._templates())

    def template(self, key: str) -> CertificateTemplate:
        """A template with the organisation's edits (setting certificates.templates) applied."""
        templates = self._templates()
        if key not in templates:
            raise ValidationError(
                "certificate.template_unknown",
                field="template",
                template=key,
                known=", ".join(sorted(templates)),
            )
        return templates[key]

    @write
    def save_template(self, key: str, fields: Mapping[str, Any] | None) -> Done:
        """Save an administrator's edits to a template (None: back to the built-in text)."""
        require(self.actor, "settings.edit")
        key = (key or "").strip()
        clean = None
        if fields is not None:
            clean = _clean_template_fields(fields)
            build_template(key, clean, self.services.settings.get("certificates.page"))  # validates
        with self.transaction() as session:
            row = session.get(Setting, _TEMPLATES_SETTING)
            overrides = dict((row.value or {}).get("v") or {}) if row is not None else {}
            if clean is None:
                overrides.pop(key, None)
            else:
                overrides[key] = clean
            store_setting(session, _TEMPLATES_SETTING, overrides)
        return Done(Changed.of("settings"))

    @write
    def set_branding_image(self, key: str, source: str | Path | None, branding_dir: str | Path) -> Done:
        """Copy the chosen logo or signature beside the data and point the setting at the copy, so
        certificates keep printing when the USB stick is gone (None removes the image).
        Done.value: the path now in the setting ("" when removed)."""
        if key not in BRANDING_KEYS:
            raise ValueError(f"{key!r} is not a certificate image setting")
        require(self.actor, "settings.edit")
        value = ""
        if source is not None:
            source, folder = Path(source), Path(branding_dir)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{key.split('.')[-1]}-{int(time.time())}{source.suffix.lower()}"
            shutil.copyfile(source, target)
            value = str(target)
        with self.transaction() as session:
            store_setting(session, key, value)
        return Done(Changed.of("settings"), value)

    def preview_pdf(
        self,
        template_key: str,
        out_path: str | Path,
        sample: Mapping[str, Any] | None = None,
        fields: Mapping[str, Any] | None = None,
    ) -> Path:
        """A sample certificate for the settings screen's live preview.

        ``fields``: unsaved edits to the template. The QR is signed with a throwaway key, so a
        preview can never verify as genuine.
        """
        if fields is not None:
            template = build_template(
                template_key, _clean_template_fields(fields), self.services.settings.get("certificates.page")
            )
        else:
            template = self.template(template_key)
        org_name, _ = self._organisation(template.lang)
        today = dates.local_now().date()
        arabic = template.lang == "ar"
        values: dict[str, Any] = {
            "serial": "PREVIEW-0000",
            "full_name": "عبدالله بن خميس الزايدي" if arabic else "Abdullah Al-Zayidi",
            "latin_name": None,
            "national_id": "1000000008",
            "event_title": "ملتقى التطوع البلدي" if arabic else "Municipal Volunteering Day",
            "body_name": org_name,
            "place": "حديقة الملك عبدالله بالملز" if arabic else "King Abdullah Park",
            "hours": 6.5,
            "issue_date": today,
            "event_date": today,
            **self._branding(),
            **(sample or {}),
        }
        private, _ = signing.generate_key()
        values["qr_payload"] = signing.sign_payload(
            private,
            signing.make_payload(values["serial"], "PREVIEW", values["hours"], today, values["full_name"]),
        )
        data = CertificateData(template_key=template.key, **values)
        out = Path(out_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        render_certificates(
            [data],
            lambda _key: template,
            out,
            org_name=org_name,
            digits=self.services.settings.get("ui.digits"),
        )
        return out

    # --- for the other jobs -----------------------------------------------------------------

    def _templates(self) -> dict[str, CertificateTemplate]:
        """Every template by key: built-in and the organisation's own, with its edits applied."""
        settings = self.services.settings
        page = settings.get("certificates.page")
        overrides = settings.get(_TEMPLATES_SETTING) or {}
        signatory = {
            "signatory_name": settings.get("certificates.signatory_name") or "",
            "signatory_title": settings.get("certificates.signatory_title") or "",
        }
        out: dict[str, CertificateTemplate] = {}
        for key in {*DEFAULT_TEMPLATES, *overrides}:
            edits = dict(overrides.get(key) or {})
            # The organisation-wide signatory, unless this template names its own.
            for name, value in signatory.items():
                if value and not edits.get(name):
                    edits[name] = value
            try:
                out[key] = build_template(key, edits, page)
            except ValidationError:
                if key in DEFAULT_TEMPLATES:  # a broken edit never breaks printing
                    out[key] = replace(DEFAULT_TEMPLATES[key], page=page)
        return out

    def _branding(self) -> dict[str, Path | None]:
        """The logo and signature images set in the settings, when their files are still there."""

        def existing(key: str) -> Path | None:
            path = Path(self.services.settings.get(key) or "")
            return path if path.name and path.is_file() else None

        return {
            "logo_path": existing("certificates.logo"),
            "signature_path": existing("certificates.signature"),
        }

    def _organisation(self, lang: str) -> tuple[str, str]:
        """(name to print, short code for serials)."""
        org = self.services.organisation.get()
        if org is None:
            return DEFAULT_ORG_NAME.get(lang, DEFAULT_ORG_NAME["ar"]), DEFAULT_ORG_CODE
        return (org.name_en if lang == "en" and org.name_en else org.name), org.short_code


def _clean_template_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for name, value in fields.items():
        if name not in TEMPLATE_FIELDS:
            raise ValidationError(
                "certificate.template_field", field=name, name=name, known=", ".join(sorted(TEMPLATE_FIELDS))
            )
        if value is None:
            continue
        value = str(value).strip()
        choices = _TEMPLATE_CHOICES.get(name)
        if choices is not None and value not in choices:
            raise ValidationError(
                "certificate.template_value", field=name, name=name, value=value, expected=" | ".join(choices)
            )
        clean[name] = value
    return clean


def build_template(key: str, edits: Mapping[str, str], page: str) -> CertificateTemplate:
    """A built-in (or ``based_on``) template with edits applied, checked by filling a sample."""
    if not key:
        raise ValidationError("certificate.template_unknown", field="template", template=key, known="")
    base_key = edits.get("based_on") or (key if key in DEFAULT_TEMPLATES else "attendance-ar")
    if base_key not in DEFAULT_TEMPLATES:
        raise ValidationError(
            "certificate.template_unknown",
            field="based_on",
            template=base_key,
            known=", ".join(sorted(DEFAULT_TEMPLATES)),
        )
    base = replace(DEFAULT_TEMPLATES[base_key], key=key, page=page if page in ("A4", "A5") else "A4")
    values = {k: v for k, v in edits.items() if k != "based_on"}
    if "body" in values:  # an edit of the text made before the gendered texts existed replaces them too
        values.setdefault("body_masculine", "")
        values.setdefault("body_feminine", "")
    try:
        template = replace(base, **values)
        if not template.title.strip() or not template.body.strip():
            raise TemplateError("the title and the text must not be empty")
        for body in (template.body, template.body_masculine, template.body_feminine):
            fill(body, {p: "x" for p in PLACEHOLDERS})
    except TemplateError as exc:
        raise ValidationError(
            "certificate.template_invalid", field="body", template=key, detail=str(exc)
        ) from None
    return template
