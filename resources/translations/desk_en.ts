<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
<context>
    <name>DeskScreen</name>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>وقت الدخول</source>
        <translation>Time in</translation>
    </message>
    <message>
        <source>الساعات حتى الآن</source>
        <translation>Hours so far</translation>
    </message>
    <message>
        <source>مكتب التسجيل</source>
        <translation>Check-in desk</translation>
    </message>
    <message>
        <source>الفعالية:</source>
        <translation>Event:</translation>
    </message>
    <message>
        <source>الفعالية التي يُسجَّل لها الحضور</source>
        <translation>Event being checked in</translation>
    </message>
    <message>
        <source>امسح البطاقة، أو اكتب رقم الهوية أو الجوال أو الاسم</source>
        <translation>Scan a badge or type an ID, mobile or name</translation>
    </message>
    <message>
        <source>حقل المسح والبحث</source>
        <translation>Scan and search field</translation>
    </message>
    <message>
        <source>رمز البطاقة أو رقم الهوية أو الجوال ثم Enter يسجّل الدخول أو الخروج فورًا؛ الاسم يعرض النتائج</source>
        <translation>A badge code, national ID or mobile then Enter checks in or out at once; a name shows results</translation>
    </message>
    <message>
        <source>الرمز أو الهوية أو الجوال ثم {0} · الاسم ثم الأسهم و{0} · {1} حضور جديد</source>
        <translation>Badge, ID or mobile then {0} · a name, then the arrows and {0} · {1} new walk-in</translation>
    </message>
    <message>
        <source>نتائج البحث</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>تسجيل حضور جديد (F2)</source>
        <translation>New walk-in (F2)</translation>
    </message>
    <message>
        <source>تسجيل حضور جديد</source>
        <translation>New walk-in</translation>
    </message>
    <message>
        <source>تسجيل خروج الجميع</source>
        <translation>Check out everyone</translation>
    </message>
    <message>
        <source>تسجيل خروج جميع الموجودين</source>
        <translation>Check out everyone still in</translation>
    </message>
    <message>
        <source>طباعة الشهادة</source>
        <translation>Print certificate</translation>
    </message>
    <message>
        <source>طباعة شهادة الحضور</source>
        <translation>Print the attendance certificate</translation>
    </message>
    <message>
        <source>التراجع عن آخر مسح</source>
        <translation>Undo the last scan</translation>
    </message>
    <message>
        <source>يلغي آخر مسح (يُسجَّل الإلغاء ولا يُحذف شيء) — Ctrl+Z</source>
        <translation>Voids the last scan (the void is recorded, nothing is deleted) — Ctrl+Z</translation>
    </message>
    <message>
        <source>الموجودون الآن</source>
        <translation>In now</translation>
    </message>
    <message>
        <source>آخر عمليات المسح</source>
        <translation>Recent scans</translation>
    </message>
    <message>
        <source>في الداخل الآن</source>
        <translation>In now</translation>
    </message>
    <message>
        <source>حضروا</source>
        <translation>Attended</translation>
    </message>
    <message>
        <source>مجموع الساعات</source>
        <translation>Total hours</translation>
    </message>
    <message>
        <source>لا توجد فعالية جارية — أنشئ فعالية من شاشة الفعاليات</source>
        <translation>No event running — create one on the Events screen</translation>
    </message>
    <message>
        <source>غير مسجل في الفعالية</source>
        <translation>not registered for the event</translation>
    </message>
    <message>
        <source>اختر من القائمة</source>
        <translation>Choose from the list</translation>
    </message>
    <message>
        <source>«{0}» يطابق أكثر من احتمال ({1}): انزل بالسهم ↓ ثم ⁦Enter⁩</source>
        <translation>“{0}” matches more than one person ({1}): press ↓ then Enter</translation>
    </message>
    <message>
        <source>مرفوض</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>غير موجود</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>دخول</source>
        <translation>In</translation>
    </message>
    <message>
        <source>خروج</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>{0} — مع تنبيه</source>
        <translation>{0} — with a warning</translation>
    </message>
    <message>
        <source>الساعة {0}</source>
        <translation>at {0}</translation>
    </message>
    <message>
        <source>{0} · الساعات حتى الآن: {1}</source>
        <translation>{0} · hours so far: {1}</translation>
    </message>
    <message>
        <source>✗ تعذّر التسجيل</source>
        <translation>Could not record</translation>
    </message>
    <message>
        <source>جاهز للمسح</source>
        <translation>Ready to scan</translation>
    </message>
    <message>
        <source>امسح بطاقة أو اكتب اسمًا</source>
        <translation>Scan a badge or type a name</translation>
    </message>
    <message>
        <source>اختر الفعالية أولًا</source>
        <translation>Choose the event first</translation>
    </message>
    <message>
        <source>لا فعالية محددة لتسجيل الحضور لها</source>
        <translation>No event is selected to check people in to</translation>
    </message>
    <message>
        <source>تراجع ({0})</source>
        <translation>Undo ({0})</translation>
    </message>
    <message>
        <source>تراجع عن مسح {0} ({1})</source>
        <translation>Undo the scan of {0} ({1})</translation>
    </message>
    <message>
        <source>أُلغي آخر مسح</source>
        <translation>Last scan undone</translation>
    </message>
    <message>
        <source>سُجّل الإلغاء في السجل؛ لم يُحذف شيء</source>
        <translation>The void is recorded; nothing was deleted</translation>
    </message>
    <message>
        <source>تسجيل خروج جميع الموجودين الآن ({0}) في الساعة {1}؟</source>
        <translation>Check out everyone still in ({0}) at {1}?</translation>
    </message>
    <message>
        <source>يُستخدم عند نهاية الفعالية. يمكن للمشرف إلغاء أي خروج لاحقًا.</source>
        <translation>Use this at the end of the event. A supervisor can void any check-out later.</translation>
    </message>
    <message>
        <source>✓ سُجّل خروج الجميع</source>
        <translation>Everyone checked out</translation>
    </message>
    <message>
        <source>{0} شخصًا</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <source>الموجودون الآن ({0})</source>
        <translation>In now ({0})</translation>
    </message>
    <message>
        <source>{0} — أُلغي</source>
        <translation>{0} — voided</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>تسجيل حضور جديد</source>
        <translation>New walk-in</translation>
    </message>
    <message>
        <source>حفظ وتسجيل الدخول</source>
        <translation>Save and check in</translation>
    </message>
    <message>
        <source>إلغاء</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>الاسم الكامل</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>رقم الهوية أو الإقامة</source>
        <translation>National ID or iqama</translation>
    </message>
    <message>
        <source>رقم الجوال</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>الجنس</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>تاريخ الميلاد</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>موافقة ولي الأمر</source>
        <translation>Guardian consent</translation>
    </message>
    <message>
        <source>قبول رقم الهوية رغم فشل التحقق</source>
        <translation>Accept the national ID despite the failed check</translation>
    </message>
    <message>
        <source>تسجيل حضور الشخص المسجل من قبل</source>
        <translation>Check in the person already on the roster</translation>
    </message>
    <message>
        <source>يلزم مشرف لقبول رقم هوية لا يجتاز التحقق</source>
        <translation>A supervisor is needed to accept an ID that fails the check</translation>
    </message>
    <message>
        <source>{0} — العمر {1} سنة</source>
        <translation>{0} — age {1}</translation>
    </message>
    <message>
        <source>لا يقبل هذا الرقم إلا مشرف؛ صحّح الرقم أو اطلب المشرف.</source>
        <translation>Only a supervisor can accept this number; correct it or call the supervisor.</translation>
    </message>
    <message>
        <source>هذا الشخص مسجل من قبل: {0}</source>
        <translation>This person is already on the roster: {0}</translation>
    </message>
</context>
<context>
    <name>WalkInForm</name>
    <message>
        <source>تسجيل حضور جديد</source>
        <translation>New walk-in</translation>
    </message>
    <message>
        <source>شخص غير موجود في السجل: أدخل بياناته ليُحفظ ويُسجَّل في الفعالية ويُسجَّل دخوله الآن.</source>
        <translation>Someone not on the roster: enter their details to save them, register them for the event and check them in now.</translation>
    </message>
    <message>
        <source>الاسم الكامل</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>الاسم كما في الهوية، مثل: عبدالله بن خميس الزايدي</source>
        <translation>Name as on the ID, e.g. Abdullah bin Khamis Alzaidi</translation>
    </message>
    <message>
        <source>رقم الهوية أو الإقامة</source>
        <translation>National ID or iqama</translation>
    </message>
    <message>
        <source>10 أرقام تبدأ بـ 1 أو 2</source>
        <translation>10 digits starting with 1 or 2</translation>
    </message>
    <message>
        <source>رقم الجوال</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>مثل 0501234567</source>
        <translation>e.g. 0501234567</translation>
    </message>
    <message>
        <source>الجنس</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>— غير محدد —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <source>ذكر</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>أنثى</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>تاريخ الميلاد</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>مثل 2001-05-17 أو 17/05/2001 أو 1422/02/23 هـ</source>
        <translation>e.g. 2001-05-17, 17/05/2001 or 1422/02/23 AH</translation>
    </message>
    <message>
        <source>موافقة ولي الأمر موجودة (العمر دون 18 عامًا)</source>
        <translation>Guardian consent on file (under 18)</translation>
    </message>
    <message>
        <source>قبول رقم الهوية رغم فشل التحقق (للمشرف)</source>
        <translation>Accept the ID despite the failed check (supervisor)</translation>
    </message>
    <message>
        <source>تسجيل حضوره هو</source>
        <translation>Check this person in</translation>
    </message>
</context>
</TS>
