"""Every word of the browser pages, Arabic first and English second (core.i18n, keys `web.*`)."""

from __future__ import annotations

from fieldapp.core import i18n

i18n.register(
    {
        "web.app": ("ميدان", "FieldApp"),
        "web.verify.title": ("التحقق من شهادة", "Verify a certificate"),
        "web.verify.intro": (
            "امسح رمز QR في الشهادة بكاميرا الجوال، أو الصق نص الرمز، أو ارفع صورة له.",
            "Scan the certificate's QR code with a phone camera, paste the code's text, or upload a picture of it.",
        ),
        "web.verify.paste": ("نص الرمز، ويبدأ بالحروف FA1", "The code's text (starts with FA1.)"),
        "web.verify.upload": (
            "أو صورة الرمز (PNG أو JPG، حتى 5 م.ب)",
            "Or a picture of the code (PNG or JPG, up to 5 MB)",
        ),
        "web.verify.submit": ("تحقّق", "Verify"),
        "web.verify.genuine": ("شهادة صحيحة", "Genuine certificate"),
        "web.verify.genuine_note": (
            "وقّعها أحد أجهزة الجهة، ولم يُغيَّر فيها شيء.",
            "It was signed by one of the organisation's laptops and nothing in it was changed.",
        ),
        "web.verify.voided": ("شهادة ملغاة", "Voided certificate"),
        "web.verify.voided_note": (
            "صدرت هذه الشهادة ثم ألغتها الجهة؛ لا يُعتدّ بها.",
            "This certificate was issued and then voided by the organisation; it is not valid.",
        ),
        "web.verify.tampered": ("شهادة معدَّلة أو مزوَّرة", "Tampered or forged certificate"),
        "web.verify.tampered_note": (
            "التوقيع لا يطابق محتوى الرمز: غُيّر فيه شيء بعد إصداره.",
            "The signature does not match the code's contents: something was changed after it was issued.",
        ),
        "web.verify.unknown_key": ("جهة الإصدار غير معروفة", "Unknown issuer"),
        "web.verify.unknown_key_note": (
            "الرمز موقَّع بمفتاح لا يعرفه هذا الخادم؛ ليست من أجهزة جهة مسجلة فيه.",
            "The code is signed with a key this server does not know; it was not issued by a laptop of an organisation here.",
        ),
        "web.verify.malformed": ("ليس رمز شهادة", "Not a certificate code"),
        "web.verify.malformed_note": (
            "هذا النص ليس رمز شهادة من ميدان؛ امسح الرمز من جديد أو الصقه كاملًا.",
            "This text is not a FieldApp certificate code; scan it again or paste all of it.",
        ),
        "web.verify.no_qr": (
            "لم يُعثر على رمز QR في الصورة؛ صوّر الرمز كاملًا بإضاءة جيدة.",
            "No QR code was found in the picture; photograph the whole code in good light.",
        ),
        "web.verify.bad_image": (
            "تعذّرت قراءة الصورة؛ ارفع ملف PNG أو JPG.",
            "The picture could not be read; upload a PNG or JPG file.",
        ),
        "web.verify.too_big": ("الصورة أكبر من 5 م.ب.", "The picture is larger than 5 MB."),
        "web.verify.empty": (
            "الصق نص الرمز أو ارفع صورة له.",
            "Paste the code's text or upload a picture of it.",
        ),
        "web.verify.not_synced": (
            "التوقيع صحيح، لكن تفاصيل الشهادة لم تصل إلى الخادم بعد (لم يُزامن الجهاز الذي أصدرها). قارن بما طُبع.",
            "The signature is genuine, but the certificate's details have not reached the server yet "
            "(the laptop that issued it has not synced). Compare with what is printed.",
        ),
        "web.verify.name_hidden": (
            "الاسم: قارنه بالمطبوع (الاسم في السجل تغيّر بعد الإصدار).",
            "Name: compare with the paper (the name on record changed after issue).",
        ),
        "web.field.org": ("الجهة", "Organisation"),
        "web.field.name": ("الاسم", "Name"),
        "web.field.event": ("الفعالية", "Event"),
        "web.field.certifies": ("تشهد بـ", "Certifies"),
        "web.verify.hours_period": ("ساعات تطوعية في الفترة {period}", "volunteer hours over {period}"),
        "web.field.event_date": ("تاريخ الفعالية", "Event date"),
        "web.field.hours": ("الساعات", "Hours"),
        "web.field.issued": ("تاريخ الإصدار", "Issued"),
        "web.field.serial": ("الرقم التسلسلي", "Serial number"),
        "web.limited": (
            "طلبات كثيرة من هذا العنوان؛ انتظر دقيقة ثم أعد المحاولة.",
            "Too many requests from this address; wait a minute and try again.",
        ),
        "web.not_found": ("الصفحة غير موجودة.", "Page not found."),
        "web.csrf": (
            "انتهت صلاحية النموذج أو لم يُرسل من هذه الصفحة؛ أعد تحميل الصفحة وحاول مرة أخرى.",
            "The form expired or was not sent from this page; reload the page and try again.",
        ),
        # --- sign-in ---
        "web.login.title": ("دخول المسؤول", "Administrator sign-in"),
        "web.login.org": ("رمز الجهة", "Organisation code"),
        "web.login.username": ("اسم المستخدم", "User name"),
        "web.login.password": ("كلمة المرور", "Password"),
        "web.login.submit": ("دخول", "Sign in"),
        "web.login.refused": (
            "رمز الجهة أو اسم المستخدم أو كلمة المرور غير صحيح.",
            "Wrong organisation code, user name or password.",
        ),
        "web.login.disabled": ("هذا الحساب موقوف.", "This account is disabled."),
        "web.login.not_admin": (
            "صفحات الإدارة للمسؤولين فقط؛ هذا الحساب ليس حساب مسؤول.",
            "The admin pages are for administrators only; this account is not an administrator.",
        ),
        "web.login.limited": (
            "محاولات دخول كثيرة من هذا العنوان؛ انتظر دقيقة ثم أعد المحاولة.",
            "Too many sign-in attempts from this address; wait a minute and try again.",
        ),
        "web.logout": ("خروج", "Sign out"),
        # --- navigation ---
        "web.nav.health": ("حالة المزامنة", "Sync health"),
        "web.nav.devices": ("الأجهزة", "Laptops"),
        "web.nav.codes": ("رموز التسجيل", "Enrolment codes"),
        "web.nav.users": ("المستخدمون", "Users"),
        "web.nav.events": ("الفعاليات", "Events"),
        "web.nav.verify": ("التحقق من شهادة", "Verify a certificate"),
        # --- health ---
        "web.health.unseen": ("أجهزة لم تتصل منذ يوم", "Laptops not seen for a day"),
        "web.health.rejected": ("عمليات رفضها الخادم (جانبًا)", "Changes the server set aside"),
        "web.health.conflicts": ("تعارضات بانتظار المراجعة", "Conflicts waiting for review"),
        "web.health.duplicates": ("أشخاص مكررون محتملون", "Possible duplicate people"),
        "web.health.pending": (
            "تغييرات كانت تنتظر الإرسال في الأجهزة عند آخر اتصال",
            "Changes waiting on the laptops at their last sync",
        ),
        "web.health.all_well": ("كل الأجهزة اتصلت خلال اليوم.", "Every laptop was seen within the day."),
        "web.health.review_note": (
            "تُراجع التعارضات والمكررات من شاشة المراجعة في التطبيق (مشرف أو مسؤول).",
            "Conflicts and duplicates are reviewed on the app's review screen (supervisor or admin).",
        ),
        "web.health.reason": ("السبب", "Reason"),
        "web.health.when": ("الوقت", "When"),
        "web.never": ("لم يتصل بعد", "never"),
        "web.audit.title": ("آخر عمليات الدخول والتغييرات", "Latest sign-ins and changes"),
        "web.audit.action": ("العملية", "What"),
        "web.audit.from": ("من العنوان", "From"),
        "web.audit.login_ok": ("دخول", "Signed in"),
        "web.audit.login_refused": ("دخول مرفوض: كلمة مرور خاطئة", "Sign-in refused: wrong password"),
        "web.audit.login_disabled": ("دخول مرفوض: حساب موقوف", "Sign-in refused: account disabled"),
        "web.audit.login_not_admin": ("دخول مرفوض: ليس مسؤولًا", "Sign-in refused: not an administrator"),
        "web.audit.login_limited": ("دخول مؤجَّل: محاولات كثيرة", "Sign-in held back: too many attempts"),
        "web.audit.logout": ("خروج", "Signed out"),
        "web.audit.device_revoked": ("إزالة جهاز", "Laptop revoked"),
        "web.audit.code_created": ("رمز تسجيل جديد", "Enrolment code made"),
        "web.audit.user_added": ("إضافة مستخدم", "User added"),
        "web.audit.user_disable": ("إيقاف مستخدم", "User disabled"),
        "web.audit.user_enable": ("تفعيل مستخدم", "User enabled"),
        "web.audit.user_role": ("تغيير دور", "Role changed"),
        "web.audit.user_password": ("تغيير كلمة مرور", "Password reset"),
        # --- devices ---
        "web.dev.name": ("الجهاز", "Laptop"),
        "web.dev.code": ("الرمز المختصر", "Short code"),
        "web.dev.seen": ("آخر اتصال", "Last seen"),
        "web.dev.version": ("إصدار التطبيق", "App version"),
        "web.dev.pending": ("تنتظر الإرسال", "Waiting to send"),
        "web.dev.state": ("الحالة", "State"),
        "web.dev.active": ("نشط", "Active"),
        "web.dev.revoked": ("أُزيل", "Revoked"),
        "web.dev.revoke": ("إزالة", "Revoke"),
        "web.dev.revoke_confirm": (
            "إزالة هذا الجهاز من الجهة؟ تتوقف مزامنته وتبقى بياناته عليه.",
            "Remove this laptop from the organisation? It stops syncing and keeps its data.",
        ),
        "web.dev.revoke_pending": (
            "قال هذا الجهاز في آخر اتصال إن لديه تغييرات لم تُرسل بعد (عددها {count})؛ بعد الإزالة لن تصل إلى الخادم.",
            "At its last sync this laptop still held changes not sent ({count}); once revoked they will not reach the server.",
        ),
        "web.cancel": ("إلغاء", "Cancel"),
        "web.dev.none": ("لا توجد أجهزة مسجلة بعد.", "No laptops enrolled yet."),
        "web.dev.revoked_done": ("أُزيل الجهاز {name}.", "Laptop {name} revoked."),
        # --- codes ---
        "web.codes.new": ("رمز تسجيل جديد", "New enrolment code"),
        "web.codes.server_url": (
            "عنوان الخادم كما تصل إليه الأجهزة",
            "Server address as the laptops reach it",
        ),
        "web.codes.hours": ("صالح لمدة (ساعات)", "Valid for (hours)"),
        "web.codes.create": ("أنشئ الرمز", "Create the code"),
        "web.codes.made": (
            "امسح هذا الرمز بقارئ جهاز التسجيل في حقل «رمز التسجيل» في إعدادات التطبيق، أو اكتب الرمز. يُستخدم مرة واحدة.",
            "Scan this code with the laptop's scanner into the enrolment field in the app's settings, or type the code. It works once.",
        ),
        "web.codes.bad_url": (
            "عنوان الخادم يبدأ بـ http:// أو https:// وبلا مسافات.",
            "The server address starts with http:// or https:// and has no spaces.",
        ),
        "web.codes.code": ("الرمز", "Code"),
        "web.codes.expires": ("ينتهي", "Expires"),
        "web.codes.open": ("رموز لم تُستخدم بعد", "Codes not used yet"),
        "web.codes.created": ("أُنشئ", "Created"),
        "web.codes.none": ("لا توجد رموز مفتوحة.", "No open codes."),
        "web.codes.hidden": ("(لا يحفظ الخادم الرموز نفسها)", "(the server keeps no code itself)"),
        # --- users ---
        "web.users.add": ("إضافة مستخدم", "Add a user"),
        "web.users.display": ("الاسم الظاهر", "Display name"),
        "web.users.role": ("الدور", "Role"),
        "web.users.state": ("الحالة", "State"),
        "web.users.active": ("نشط", "Active"),
        "web.users.disabled": ("موقوف", "Disabled"),
        "web.users.disable": ("إيقاف", "Disable"),
        "web.users.enable": ("تفعيل", "Enable"),
        "web.users.set_role": ("غيّر الدور", "Change role"),
        "web.users.new_password": ("كلمة مرور جديدة", "New password"),
        "web.users.reset": ("غيّر كلمة المرور", "Reset password"),
        "web.users.saved": ("حُفظ المستخدم {username}.", "User {username} saved."),
        "web.users.self": (
            "لا يمكنك إيقاف حسابك أو تغيير دورك بنفسك.",
            "You cannot disable your own account or change your own role.",
        ),
        "web.users.reaches": (
            "تصل الحسابات وكلمات المرور إلى كل جهاز في مزامنته التالية.",
            "Accounts and passwords reach every laptop at its next sync.",
        ),
        "web.role.coordinator": ("منسق", "Coordinator"),
        "web.role.supervisor": ("مشرف", "Supervisor"),
        "web.role.admin": ("مسؤول", "Administrator"),
        # --- events ---
        "web.events.title": ("الفعالية", "Event"),
        "web.events.when": ("الموعد", "When"),
        "web.events.attended": ("حضروا", "Attended"),
        "web.events.hours": ("مجموع الساعات", "Total hours"),
        "web.events.in_now": ("في الموقع الآن", "On site now"),
        "web.events.walk_ins": ("دون تسجيل مسبق", "Walk-ins"),
        "web.events.none": ("لم تصل فعاليات من الأجهزة بعد.", "No events have come from the laptops yet."),
        "web.events.from_all": (
            "من مسح كل الأجهزة التي زامنت، بقواعد الفعالية نفسها التي يطبقها التطبيق.",
            "From the scans of every laptop that synced, by the event's own rules as the app applies them.",
        ),
        "web.events.xlsx": ("تنزيل Excel", "Download Excel"),
        "web.att.first_in": ("أول دخول", "First in"),
        "web.att.last_out": ("آخر خروج", "Last out"),
        "web.att.state": ("الحالة", "State"),
        "web.state.in": ("في الموقع", "On site"),
        "web.state.out": ("خرج", "Left"),
        "web.state.absent": ("لم يحضر", "Absent"),
    }
)


def text(key: str, lang: str, **params: object) -> str:
    return i18n.msg(key, lang, **params)
