"""What sync says to a coordinator, in Arabic and English: the status bar line and its details.

Messages go through core.i18n (both languages side by side, as the services' messages), so the
status bar and the Settings page say the same things in the same words. A count with its noun goes
through Qt's %n numerus instead (fieldapp_ar.ts holds the six Arabic forms: «قبل دقيقتين»,
«3 تغييرات بانتظار الإرسال», «11 تغييرًا…»; fieldapp_en.ts the English two).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject

from fieldapp.core import i18n
from fieldapp.gui.context import GuiContext
from fieldapp.gui.sync.controller import SyncView
from fieldapp.gui.widgets.inputs import embed

i18n.register(
    {
        "gui.sync.off": ("المزامنة غير مفعّلة", "Sync is off"),
        "gui.sync.off.detail": (
            "هذا الحاسوب غير مسجَّل في خادم الجهة؛ كل شيء محفوظ عليه. سجّله من الإعدادات ← الخادم المركزي.",
            "This laptop is not enrolled with the organisation's server; everything is saved on it. "
            "Enrol it in Settings → Central server.",
        ),
        "gui.sync.syncing": ("جارٍ المزامنة…", "Syncing…"),
        "gui.sync.just_now": ("تمت المزامنة الآن", "Synced just now"),
        "gui.sync.never": ("لم تتم المزامنة بعد", "Not synced yet"),
        "gui.sync.offline": ("دون اتصال منذ {time}", "Offline since {time}"),
        "gui.sync.revoked": (
            "أُزيل هذا الحاسوب من الجهة — العمل مستمر دون اتصال ولم يضِع شيء",
            "This laptop was removed from the organisation — work continues offline, nothing is lost",
        ),
        "gui.sync.too_old": (
            "الخادم يحتاج إصدارًا أحدث من البرنامج — حدّثه",
            "The server needs a newer version of the app — update it",
        ),
        "gui.sync.error": ("تعذّرت المزامنة — التفاصيل", "Sync failed — details"),
        "gui.sync.detail.server": ("الخادم: {url}", "Server: {url}"),
        "gui.sync.detail.org": ("الجهة: {org}", "Organisation: {org}"),
        "gui.sync.detail.laptop": ("رمز هذا الحاسوب: {code}", "This laptop's code: {code}"),
        "gui.sync.detail.last": ("آخر مزامنة ناجحة: {when}", "Last successful sync: {when}"),
        "gui.sync.detail.pending": ("بانتظار الإرسال: {n}", "Waiting to send: {n}"),
        "gui.sync.detail.set_aside": (
            "تغييرات رفضها الخادم (مُنحّاة): {n}",
            "Changes the server refused (set aside): {n}",
        ),
        "gui.sync.detail.review": (
            "تعارضات: {conflicts} — أشخاص مكررون محتملون: {duplicates}",
            "Conflicts: {conflicts} — possible duplicate people: {duplicates}",
        ),
        "gui.sync.detail.moved": (
            "آخر جولة: أُرسل {pushed} ووصل {pulled}",
            "Last round: {pushed} sent, {pulled} received",
        ),
        "gui.sync.detail.error": ("آخر خطأ: {error}", "Last error: {error}"),
        "gui.sync.never_short": ("لم تتم بعد", "never"),
    }
)


class SyncTexts(QObject):
    """The translation context of the counted texts below: pyside6-lupdate marks
    `SyncTexts.tr(text, "", n)` as a plural (numerus) message, QCoreApplication.translate(…, n) not."""


def _t(key: str, ctx: GuiContext, **params) -> str:
    return i18n.msg(key, ctx.lang, **params)


def ago(ctx: GuiContext, at: dt.datetime | None, now: dt.datetime | None = None) -> str:
    if at is None:
        return _t("gui.sync.never", ctx)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    minutes = int(((now or dt.datetime.now(dt.UTC)) - at).total_seconds() // 60)
    if minutes < 1:
        return _t("gui.sync.just_now", ctx)
    if minutes < 120:
        return ctx.fmt_digits(SyncTexts.tr("تمت المزامنة قبل %n دقيقة", "", minutes))
    hours = minutes // 60
    return ctx.fmt_digits(SyncTexts.tr("تمت المزامنة قبل %n ساعة", "", hours))


def status_line(ctx: GuiContext, view: SyncView) -> tuple[str, str]:
    """(text, level) of the status bar: the one thing the coordinator should know now."""
    status = view.status
    parts: list[str] = []
    level = "info"
    if view.state == "off" or status is None or not status.enrolled:
        return _t("gui.sync.off", ctx), "muted"
    if view.state == "revoked":
        return _t("gui.sync.revoked", ctx), "error"
    if view.state == "too_old":
        return _t("gui.sync.too_old", ctx), "error"
    if view.state == "syncing":
        parts.append(_t("gui.sync.syncing", ctx))
    elif view.state == "offline":
        since = view.offline_since or dt.datetime.now(dt.UTC)
        parts.append(_t("gui.sync.offline", ctx, time=embed(ctx.fmt_time(since))))
        level = "warning"
    elif view.state == "error":
        parts.append(_t("gui.sync.error", ctx))
        level = "warning"
    elif view.clock_wrong:  # the one thing to fix: said instead of "synced N min ago"
        minutes = round(abs(view.clock_skew_s) / 60)
        off_by = SyncTexts.tr("ساعة هذا الحاسوب مختلفة بـ%n دقيقة — صحّح الساعة", "", minutes)
        parts.append(ctx.fmt_digits(off_by))
        level = "warning"
    else:
        parts.append(ago(ctx, status.last_success_at))
        level = "ok"
    waiting = status.pending_ops
    if waiting:
        parts.append(ctx.fmt_digits(SyncTexts.tr("%n بانتظار الإرسال", "", waiting)))
    return " — ".join(parts), level


def details(ctx: GuiContext, view: SyncView) -> list[str]:
    """The lines of the details popup."""
    status = view.status
    if status is None or not status.enrolled:
        return [_t("gui.sync.off.detail", ctx)]
    line, _level = status_line(ctx, view)
    when = (
        ctx.fmt_datetime(status.last_success_at)
        if status.last_success_at
        else _t("gui.sync.never_short", ctx)
    )
    lines = [
        line,
        _t("gui.sync.detail.org", ctx, org=embed(f"{status.org_name} ({status.org_code})")),
        _t("gui.sync.detail.server", ctx, url=embed(status.server_url or "")),
        _t("gui.sync.detail.laptop", ctx, code=embed(status.short_code)),
        _t("gui.sync.detail.last", ctx, when=when),
        _t("gui.sync.detail.pending", ctx, n=ctx.fmt_number(status.pending_ops)),
        _t("gui.sync.detail.set_aside", ctx, n=ctx.fmt_number(status.set_aside_ops)),
    ]
    if view.review is not None:
        lines.append(
            _t(
                "gui.sync.detail.review",
                ctx,
                conflicts=ctx.fmt_number(view.review.conflicts),
                duplicates=ctx.fmt_number(view.review.duplicates),
            )
        )
    if view.last_report is not None:
        lines.append(
            _t(
                "gui.sync.detail.moved",
                ctx,
                pushed=ctx.fmt_number(view.last_report.pushed),
                pulled=ctx.fmt_number(view.last_report.pulled),
            )
        )
    if view.error:
        lines.append(_t("gui.sync.detail.error", ctx, error=view.error))
    return lines
