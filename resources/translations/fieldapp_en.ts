<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
<context>
    <name>AgreementDialog</name>
    <message>
        <source>تعديل الاتفاقية</source>
        <translation>Edit agreement</translation>
    </message>
    <message>
        <source>اتفاقية جديدة</source>
        <translation>New agreement</translation>
    </message>
    <message>
        <source>بلا تاريخ نهاية</source>
        <translation>No end date</translation>
    </message>
    <message>
        <source>بلا تذكير</source>
        <translation>No reminder</translation>
    </message>
    <message numerus="yes">
        <source>%n يوم قبل النهاية</source>
        <comment>spin box suffix</comment>
        <translation>
            <numerusform>%n day before the end</numerusform>
            <numerusform>%n days before the end</numerusform>
        </translation>
    </message>
    <message>
        <source>عنوان الاتفاقية</source>
        <translation>Agreement title</translation>
    </message>
    <message>
        <source>الموقّع عن الجهة</source>
        <translation>Signed for the partner by</translation>
    </message>
    <message>
        <source>تاريخ البداية</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>تاريخ النهاية</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>التزاماتنا</source>
        <translation>Our commitments</translation>
    </message>
    <message>
        <source>التزامات الجهة</source>
        <translation>The partner&apos;s commitments</translation>
    </message>
    <message>
        <source>التذكير بالتجديد</source>
        <translation>Renewal reminder</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>ميدان</source>
        <translation>FieldApp</translation>
    </message>
</context>
<context>
    <name>BodyDialog</name>
    <message>
        <source>تعديل بيانات الجهة</source>
        <translation>Edit body</translation>
    </message>
    <message>
        <source>جهة جديدة</source>
        <translation>New body</translation>
    </message>
    <message>
        <source>النوع</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الاسم بالإنجليزية</source>
        <translation>Name in English</translation>
    </message>
    <message>
        <source>المدينة</source>
        <translation>City</translation>
    </message>
    <message>
        <source>مسؤول التواصل</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>الهاتف</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>BrandingBox</name>
    <message>
        <source>صور الشهادات</source>
        <translation>Certificate images</translation>
    </message>
    <message>
        <source>شعار الجهة</source>
        <translation>Organisation logo</translation>
    </message>
    <message>
        <source>صورة التوقيع</source>
        <translation>Signature image</translation>
    </message>
    <message>
        <source>اختر صورة…</source>
        <translation>Choose an image…</translation>
    </message>
    <message>
        <source>إزالة</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>يغيّرها مدير النظام فقط.</source>
        <translation>Only an administrator can change these.</translation>
    </message>
    <message>
        <source>لا توجد</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>BrokenScreen</name>
    <message>
        <source>تعذّر فتح «{0}» بسبب خطأ في البرنامج، وسُجّل الخطأ في سجل البرنامج.
{1}</source>
        <translation>“{0}” could not be opened because of a bug in the app; the error was written to the app&apos;s log.
{1}</translation>
    </message>
</context>
<context>
    <name>Certificates</name>
    <message>
        <source>شهادة حضور</source>
        <translation>Attendance certificate</translation>
    </message>
    <message>
        <source>شهادة شكر وتقدير</source>
        <translation>Appreciation certificate</translation>
    </message>
    <message>
        <source>عربية</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <source>إنجليزية</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>CertificatesScreen</name>
    <message>
        <source>الشهادات</source>
        <extracomment>a print finished: (pages printed, printer label) a print could not be done: the message shown</extracomment>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>لا توجد طابعة افتراضية على هذا الجهاز، فلم يُطبع شيء. عرّف طابعة في إعدادات النظام، أو استخدم «طباعة…» واختر الطباعة إلى ملف PDF.</source>
        <translation>This computer has no default printer, so nothing was printed. Set up a printer in the system settings, or use &quot;Print…&quot; and print to a PDF file.</translation>
    </message>
    <message>
        <source>طباعة الشهادات</source>
        <translation>Print certificates</translation>
    </message>
    <message>
        <source>لا صفحات في المدى المطلوب، فلم يُطبع شيء.</source>
        <translation>No pages in the requested range; nothing was printed.</translation>
    </message>
    <message numerus="yes">
        <source>{0} — %n نسخة</source>
        <translation>
            <numerusform>{0} — %n copy</numerusform>
            <numerusform>{0} — %n copies</numerusform>
        </translation>
    </message>
    <message>
        <source>طباعة الصفحة {0} من {1}…</source>
        <translation>Printing page {0} of {1}…</translation>
    </message>
    <message numerus="yes">
        <source>طُبعت %n صفحة على {0}، وسُجّلت في سجل الطباعة.</source>
        <translation>
            <numerusform>Printed %n page on {0}, recorded in the print log.</numerusform>
            <numerusform>Printed %n pages on {0}, recorded in the print log.</numerusform>
        </translation>
    </message>
    <message>
        <source>تعذّرت الطباعة: {0}</source>
        <translation>Printing failed: {0}</translation>
    </message>
    <message>
        <source>الفعالية:</source>
        <translation>Event:</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>الإصدار</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>المعاينة والطباعة</source>
        <translation>Preview and print</translation>
    </message>
    <message>
        <source>الشهادات الصادرة</source>
        <translation>Issued certificates</translation>
    </message>
    <message>
        <source>سجل الطباعة</source>
        <translation>Print log</translation>
    </message>
    <message>
        <source>التحقق</source>
        <translation>Verify</translation>
    </message>
</context>
<context>
    <name>CheckOutAllBox</name>
    <message>
        <source>تسجيل خروج الجميع</source>
        <translation>Check out everyone</translation>
    </message>
    <message>
        <source>تسجيل خروج جميع الموجودين الآن ({0}) في الساعة {1}؟</source>
        <translation>Check out everyone still in ({0}) at {1}?</translation>
    </message>
    <message>
        <source>يُستخدم عند نهاية الفعالية. يمكن للمشرف إلغاء أي خروج لاحقًا.</source>
        <translation>Use this at the end of the event. A supervisor can void any check-out later.</translation>
    </message>
</context>
<context>
    <name>CountCards</name>
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
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>لوحة المتابعة</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>في الموقع الآن</source>
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
        <source>هدايا سُلّمت</source>
        <translation>Gifts handed</translation>
    </message>
    <message>
        <source>الوصول كل ربع ساعة</source>
        <translation>Arrivals per quarter hour</translation>
    </message>
    <message>
        <source>الهدايا حسب النوع</source>
        <translation>Gifts by type</translation>
    </message>
    <message>
        <source>مخزون منخفض</source>
        <translation>Low stock</translation>
    </message>
    <message>
        <source>زيارات اليوم</source>
        <translation>Today&apos;s visits</translation>
    </message>
    <message>
        <source>الهدايا المسلّمة حسب النوع</source>
        <translation>Gifts handed, by type</translation>
    </message>
    <message>
        <source>أنواع الهدايا منخفضة المخزون</source>
        <translation>Gift types low in stock</translation>
    </message>
    <message>
        <source>زيارات اليوم وحالتها</source>
        <translation>Today&apos;s visits and their status</translation>
    </message>
    <message>
        <source>الشراكات</source>
        <translation>Partnerships</translation>
    </message>
    <message>
        <source>اتفاقيات تنتهي قريبًا وشركاء لم يُزاروا</source>
        <translation>Agreements ending soon and partners not visited</translation>
    </message>
    <message>
        <source>رسم الوصول كل ربع ساعة</source>
        <translation>Chart of arrivals per quarter hour</translation>
    </message>
    <message>
        <source>لا توجد فعالية حالية</source>
        <translation>No current event</translation>
    </message>
    <message>
        <source>اختر فعالية من شاشة «الفعاليات» واضغط «اجعلها الفعالية الحالية».</source>
        <translation>Choose an event on the Events screen and press “Make it the current event”.</translation>
    </message>
    <message>
        <source>من %1 مسجّلًا</source>
        <translation>of %1 registered</translation>
    </message>
    <message>
        <source>ساعة تطوع</source>
        <translation>volunteer hours</translation>
    </message>
    <message>
        <source>عملية تسليم</source>
        <translation>hand-overs</translation>
    </message>
    <message>
        <source>لم تُسلَّم هدايا في هذه الفعالية بعد</source>
        <translation>No gifts handed at this event yet</translation>
    </message>
    <message>
        <source>%1 — الباقي: %2 (حد التنبيه %3)</source>
        <translation>%1 — left: %2 (alert threshold %3)</translation>
    </message>
    <message>
        <source>المخزون كافٍ لكل الأنواع</source>
        <translation>Stock is sufficient for every type</translation>
    </message>
    <message>
        <source>لا زيارات اليوم</source>
        <translation>No visits today</translation>
    </message>
    <message numerus="yes">
        <source>تنتهي اتفاقيتها بعد %n يوم</source>
        <translation>
            <numerusform>agreement ends in %n day</numerusform>
            <numerusform>agreement ends in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>لم تُزر منذ 6 أشهر</source>
        <translation>not visited in 6 months</translation>
    </message>
    <message>
        <source>لا تنبيهات للشراكات</source>
        <translation>No partnership alerts</translation>
    </message>
    <message>
        <source>الواصلون</source>
        <translation>Arrivals</translation>
    </message>
    <message>
        <source>الوقت (كل ربع ساعة)</source>
        <translation>Time (quarter hours)</translation>
    </message>
    <message>
        <source>عدد الواصلين</source>
        <translation>Arrivals</translation>
    </message>
    <message>
        <source>لم يصل أحد بعد</source>
        <translation>Nobody has arrived yet</translation>
    </message>
</context>
<context>
    <name>DeskScreen</name>
    <message>
        <source>مكتب التسجيل</source>
        <translation>Check-in desk</translation>
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
</context>
<context>
    <name>Errors</name>
    <message>
        <source>تعذّر إكمال العملية بسبب خطأ غير متوقع. ما حُفظ قبلها باقٍ كما هو، وسُجّلت التفاصيل في سجل البرنامج. أعد المحاولة، وإن تكرر الخطأ فأبلغ الدعم الفني.</source>
        <translation>The operation could not finish because of an unexpected error. What was saved before it is intact, and the details are in the app&apos;s log. Try again; if it happens again, tell technical support.</translation>
    </message>
    <message>
        <source>تنبيه</source>
        <translation>Notice</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message numerus="yes">
        <source>%n دقيقة</source>
        <comment>spin box suffix</comment>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>— فعالية مستقلة —</source>
        <translation>— standalone event —</translation>
    </message>
    <message>
        <source>— بلا جهة —</source>
        <translation>— no body —</translation>
    </message>
    <message>
        <source>بلا تقريب (دقائق كاملة)</source>
        <translation>No rounding (whole minutes)</translation>
    </message>
    <message numerus="yes">
        <source>إلى أقرب %n دقيقة أدنى</source>
        <translation>
            <numerusform>Down to the nearest %n minute</numerusform>
            <numerusform>Down to the nearest %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>حفظ</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>إلغاء</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>تعديل الفعالية</source>
        <translation>Edit event</translation>
    </message>
    <message>
        <source>فرصة تطوع جديدة</source>
        <translation>New volunteer opportunity</translation>
    </message>
    <message>
        <source>فعالية جديدة</source>
        <translation>New event</translation>
    </message>
</context>
<context>
    <name>EventEditForm</name>
    <message>
        <source>بيانات الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>العنوان</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>عنوان الفعالية</source>
        <translation>Event title</translation>
    </message>
    <message>
        <source>مثل: اليوم الوطني 96</source>
        <translation>e.g. National Day 96</translation>
    </message>
    <message>
        <source>تتبع الفعالية</source>
        <translation>Part of event</translation>
    </message>
    <message>
        <source>الفعالية الأم (لفرصة تطوع)</source>
        <translation>Parent event (for an opportunity)</translation>
    </message>
    <message>
        <source>المكان</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>الجهة</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>الجهة المنظمة أو المستضيفة</source>
        <translation>Organising or hosting body</translation>
    </message>
    <message>
        <source>تبدأ</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>وقت البداية</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>تنتهي</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>وقت النهاية</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>الساعات المخططة</source>
        <translation>Planned hours</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>السعة (عدد المتطوعين)</source>
        <translation>Capacity (volunteers)</translation>
    </message>
    <message>
        <source>السعة</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>بلا حد</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>العودة بعد الخروج</source>
        <translation>Re-entry after check-out</translation>
    </message>
    <message>
        <source>السماح بالعودة بعد الخروج</source>
        <translation>Allow re-entry after check-out</translation>
    </message>
    <message>
        <source>مسموح بها (تُجمع ساعات كل فترة)</source>
        <translation>Allowed (the hours of every stay are added up)</translation>
    </message>
    <message>
        <source>أقل مدة بين مسحين</source>
        <translation>Minimum time between scans</translation>
    </message>
    <message>
        <source>أقل مدة بين مسحين بالدقائق</source>
        <translation>Minimum minutes between two scans</translation>
    </message>
    <message>
        <source>تقريب الساعات (للأسفل)</source>
        <translation>Hour rounding (down)</translation>
    </message>
    <message>
        <source>تقريب الساعات للأسفل</source>
        <translation>Round hours down</translation>
    </message>
    <message>
        <source>أقل ساعات للشهادة</source>
        <translation>Minimum hours for a certificate</translation>
    </message>
    <message>
        <source>أقل عدد ساعات لاستحقاق الشهادة</source>
        <translation>Minimum hours to earn a certificate</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <source>الفعالية:</source>
        <extracomment>the coordinator picked an event (its id, or None for the &quot;no event&quot; line)</extracomment>
        <translation>Event:</translation>
    </message>
    <message>
        <source>الفعالية التي يُسجَّل لها الحضور</source>
        <translation>Event being checked in</translation>
    </message>
    <message>
        <source>لا توجد فعالية جارية — أنشئ فعالية من شاشة الفعاليات</source>
        <translation>No event running — create one on the Events screen</translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>رقم الهوية</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>أول دخول</source>
        <translation>First in</translation>
    </message>
    <message>
        <source>آخر خروج</source>
        <translation>Last out</translation>
    </message>
    <message>
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>أُغلق تلقائيًا عند نهاية الفعالية</source>
        <translation>Closed automatically at the event&apos;s end</translation>
    </message>
    <message>
        <source>تسجيل دخول مكرر (من جهازين أو مسح مزدوج)</source>
        <translation>Duplicate check-in (two laptops or a double scan)</translation>
    </message>
    <message>
        <source>تسجيل خروج مكرر</source>
        <translation>Duplicate check-out</translation>
    </message>
    <message>
        <source>خروج دون دخول</source>
        <translation>Check-out without check-in</translation>
    </message>
    <message>
        <source>عاد بعد الخروج</source>
        <translation>Came back after check-out</translation>
    </message>
    <message>
        <source>في الموقع الآن</source>
        <translation>In now</translation>
    </message>
    <message>
        <source>لم يحضر</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>حضور دون تسجيل مسبق</source>
        <translation>Walk-in (not registered)</translation>
    </message>
    <message>
        <source>الفعاليات</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>التاريخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>الفعاليات وفرص التطوع</source>
        <translation>Events and volunteer opportunities</translation>
    </message>
    <message>
        <source>فعالية جديدة</source>
        <translation>New event</translation>
    </message>
    <message>
        <source>فرصة تطوع ضمنها</source>
        <translation>Opportunity inside</translation>
    </message>
    <message>
        <source>فرصة تطوع جديدة ضمن الفعالية المحددة</source>
        <translation>New volunteer opportunity inside the selected event</translation>
    </message>
    <message>
        <source>تعديل</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>تعديل الفعالية المحددة</source>
        <translation>Edit the selected event</translation>
    </message>
    <message>
        <source>اجعلها الفعالية الحالية</source>
        <translation>Make it the current event</translation>
    </message>
    <message>
        <source>الحضور والساعات</source>
        <translation>Attendance and hours</translation>
    </message>
    <message>
        <source>حضور الفعالية المحددة</source>
        <translation>Attendance of the selected event</translation>
    </message>
    <message>
        <source>الحضور:</source>
        <translation>Attendance:</translation>
    </message>
    <message>
        <source>سجل هدايا الفعالية:</source>
        <translation>Event gift log:</translation>
    </message>
    <message>
        <source>تصدير Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>تصدير الحضور إلى Excel</source>
        <translation>Export attendance to Excel</translation>
    </message>
    <message>
        <source>تصدير PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>تصدير الحضور إلى PDF</source>
        <translation>Export attendance to PDF</translation>
    </message>
    <message>
        <source>تصدير سجل هدايا الفعالية إلى Excel</source>
        <translation>Export the event&apos;s gift log to Excel</translation>
    </message>
    <message>
        <source>تصدير سجل هدايا الفعالية إلى PDF</source>
        <translation>Export the event&apos;s gift log to PDF</translation>
    </message>
    <message>
        <source> (الحالية)</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>اختر فعالية من القائمة</source>
        <translation>Choose an event from the list</translation>
    </message>
    <message>
        <source>دون تقريب</source>
        <translation>no rounding</translation>
    </message>
    <message numerus="yes">
        <source>تُقرَّب الساعات للأسفل إلى %n دقيقة</source>
        <translation>
            <numerusform>Hours are rounded down to %n minute</numerusform>
            <numerusform>Hours are rounded down to %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>أقل مدة بين مسحين: %n دقيقة</source>
        <translation>
            <numerusform>Minimum time between two scans: %n minute</numerusform>
            <numerusform>Minimum time between two scans: %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>العودة بعد الخروج مسموحة</source>
        <translation>re-entry allowed</translation>
    </message>
    <message>
        <source>لا عودة بعد الخروج</source>
        <translation>no re-entry after check-out</translation>
    </message>
    <message>
        <source>الشهادة من %1</source>
        <translation>certificate from %1</translation>
    </message>
    <message>
        <source>السعة: %1</source>
        <translation>capacity %1</translation>
    </message>
    <message>
        <source>جارٍ التحميل…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>حضروا %1 من %2 مسجّلًا · في الموقع الآن %3 · دون تسجيل مسبق %4 · مجموع الساعات %5</source>
        <translation>Attended %1 of %2 registered · in now %3 · walk-ins %4 · total %5</translation>
    </message>
    <message>
        <source>إنشاء الفعاليات وتعديلها للمشرف أو مدير النظام.</source>
        <translation>Creating and editing events is for a supervisor or an administrator.</translation>
    </message>
    <message>
        <source>الفعالية الحالية الآن: %1</source>
        <translation>The current event is now: %1</translation>
    </message>
    <message>
        <source>حضور</source>
        <translation>attendance</translation>
    </message>
    <message>
        <source>هدايا</source>
        <translation>gifts</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>ملف Excel (*.xlsx)</source>
        <translation>Excel file (*.xlsx)</translation>
    </message>
    <message>
        <source>ملف PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>حفظ التصدير</source>
        <translation>Save the export</translation>
    </message>
    <message>
        <source>جارٍ إنشاء الملف…</source>
        <translation>Creating the file…</translation>
    </message>
    <message>
        <source>تصدير</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>حُفظ الملف: %1</source>
        <translation>File saved: %1</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>البحث في:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <source>اسم الملف:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>نوع الملف:</source>
        <translation>Files of type:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>ميدان — الإعداد الأول</source>
        <translation>FieldApp — first run</translation>
    </message>
    <message>
        <source>مرحبًا بك في ميدان</source>
        <translation>Welcome to FieldApp</translation>
    </message>
    <message>
        <source>هذا الجهاز لا يحوي بيانات بعد. أنشئ مؤسستك ومدير النظام الأول، أو جرّب البرنامج ببيانات تجريبية.</source>
        <translation>This laptop has no data yet. Create your organisation and its first administrator, or try the app with demo data.</translation>
    </message>
    <message>
        <source>إنشاء المؤسسة ومدير النظام</source>
        <translation>Create the organisation and its administrator</translation>
    </message>
    <message>
        <source>تحميل البيانات التجريبية</source>
        <translation>Load the demo data</translation>
    </message>
    <message>
        <source>بيانات تجريبية لأمانة الطائف: متطوعون وفعاليات وهدايا وزيارات، مع حسابات دخول جاهزة.</source>
        <translation>Demo data of the Taif municipality: volunteers, events, gifts and visits, with ready sign-in accounts.</translation>
    </message>
    <message>
        <source>اسم المؤسسة</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>الرمز المختصر (لاتيني)</source>
        <translation>Short code (Latin)</translation>
    </message>
    <message>
        <source>المدينة</source>
        <translation>City</translation>
    </message>
    <message>
        <source>اسم المستخدم للمدير</source>
        <translation>Administrator&apos;s user name</translation>
    </message>
    <message>
        <source>اسم المدير كما يظهر</source>
        <translation>Administrator&apos;s display name</translation>
    </message>
    <message>
        <source>كلمة المرور</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>تأكيد كلمة المرور</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>مثال: أمانة محافظة الطائف</source>
        <translation>e.g. Taif Municipality</translation>
    </message>
    <message>
        <source>حفظ والبدء</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <source>رجوع</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>جارٍ تحميل البيانات التجريبية…</source>
        <translation>Loading the demo data…</translation>
    </message>
</context>
<context>
    <name>GiftFlags</name>
    <message>
        <source>تجاوز المخزون</source>
        <translation>Overdrawn</translation>
    </message>
    <message>
        <source>فوق الحد</source>
        <translation>Over limit</translation>
    </message>
    <message>
        <source>استلام مكرر</source>
        <translation>Repeat receipt</translation>
    </message>
</context>
<context>
    <name>GiftTypeDialog</name>
    <message>
        <source>تعديل نوع الهدية</source>
        <translation>Edit gift type</translation>
    </message>
    <message>
        <source>نوع هدية جديد</source>
        <translation>New gift type</translation>
    </message>
    <message>
        <source>بلا حد</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>متاح للتسليم</source>
        <translation>Available for hand-over</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الوحدة</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>الحد لكل مستلم في الفعالية</source>
        <translation>Limit per recipient per event</translation>
    </message>
    <message>
        <source>نبّه عند انخفاض المخزون إلى</source>
        <translation>Warn when stock falls to</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>قطعة، درع، كرتون…</source>
        <translation>piece, shield, carton…</translation>
    </message>
    <message>
        <source>تغيير الحد لكل مستلم يسجّله المشرف.</source>
        <translation>Changing the limit per recipient is a supervisor&apos;s call.</translation>
    </message>
    <message>
        <source>قطعة</source>
        <translation>piece</translation>
    </message>
</context>
<context>
    <name>GiftsScreen</name>
    <message>
        <source>الهدايا</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <source>الهدايا والمخزون</source>
        <translation>Gifts and stock</translation>
    </message>
    <message>
        <source>تسليم</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <source>السجل</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>المخزون</source>
        <translation>Stock</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>تسليم هدية في زيارة: {0}</source>
        <translation>Hand a gift during the visit: {0}</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <source>— اختر الهدية —</source>
        <translation>— choose the gift —</translation>
    </message>
    <message>
        <source>— بلا فعالية ولا زيارة —</source>
        <translation>— no event or visit —</translation>
    </message>
    <message>
        <source>فعالية: {0}</source>
        <translation>Event: {0}</translation>
    </message>
    <message>
        <source>زيارة: {0} — {1} ({2})</source>
        <translation>Visit: {0} — {1} ({2})</translation>
    </message>
    <message>
        <source>المتوفر — {0}</source>
        <translation>Available — {0}</translation>
    </message>
    <message>
        <source> · الحد لكل مستلم: {0}</source>
        <translation> · limit per recipient: {0}</translation>
    </message>
    <message>
        <source>سجّل التسليم</source>
        <translation>Record hand-over</translation>
    </message>
    <message>
        <source>تنبيه قبل الحفظ:</source>
        <translation>Before saving:</translation>
    </message>
    <message>
        <source>سجّل التسليم مع التنبيه</source>
        <translation>Record with the warning</translation>
    </message>
    <message>
        <source>تنبيه</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>سُلِّمت فعلًا؟ احفظ مع التنبيه</source>
        <translation>Already handed over? Save with the warning</translation>
    </message>
    <message>
        <source>نعم، احفظ مع التنبيه</source>
        <translation>Yes, save with the warning</translation>
    </message>
    <message>
        <source>رجوع</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>سُجّل التسليم ({0}) إلى {1}</source>
        <translation>Hand-over recorded ({0}) to {1}</translation>
    </message>
    <message>
        <source>المستلم</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>الهدية</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>نوع الهدية</source>
        <translation>Gift type</translation>
    </message>
    <message>
        <source>الكمية</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>المناسبة</source>
        <translation>Occasion</translation>
    </message>
    <message>
        <source>الفعالية أو الزيارة</source>
        <translation>Event or visit</translation>
    </message>
    <message>
        <source>ملاحظة</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>تنبيهات قبل الحفظ</source>
        <translation>Warnings before saving</translation>
    </message>
    <message>
        <source>مسح النموذج</source>
        <translation>Clear the form</translation>
    </message>
</context>
<context>
    <name>HoursReportDialog</name>
    <message>
        <source>تقرير الساعات التطوعية</source>
        <translation>Volunteer hours report</translation>
    </message>
    <message>
        <source>رقم الهوية والاسم وعدد الفعاليات والساعات لكل متطوع، مرتبة من الأكثر ساعات، مع المجموع.</source>
        <translation>National ID, name, events and hours of every volunteer, most hours first, with the totals.</translation>
    </message>
    <message>
        <source>تصدير Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>تصدير PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>ساعات</source>
        <translation>hours</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>استيراد قائمة الأشخاص</source>
        <translation>Import a roster</translation>
    </message>
    <message>
        <source>رجوع</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>التالي</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>إغلاق</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>مسار ملف القائمة</source>
        <translation>Roster file path</translation>
    </message>
    <message>
        <source>ملف Excel ‏(xlsx) أو CSV</source>
        <translation>Excel (xlsx) or CSV file</translation>
    </message>
    <message>
        <source>اختر ملفًا…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>اختيار ملف القائمة</source>
        <translation>Choose the roster file</translation>
    </message>
    <message>
        <source>يقبل البرنامج ملفات Excel ‏(xlsx) وملفات CSV (UTF-8 أو ترميز Windows العربي). يلزم عمود للاسم، وعمود لرقم الهوية أو للجوال؛ العناوين بالعربية أو الإنجليزية وبأي ترتيب. لن يُكتب شيء قبل أن تراجع المعاينة.</source>
        <translation>Excel (xlsx) and CSV files (UTF-8 or Windows Arabic) are accepted. A name column is required, plus a national ID or a mobile column; headers in Arabic or English, in any order. Nothing is written before you review the preview.</translation>
    </message>
    <message>
        <source>جارٍ قراءة الملف</source>
        <translation>Reading the file</translation>
    </message>
    <message>
        <source>البيان</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>عمود الملف</source>
        <translation>File column</translation>
    </message>
    <message>
        <source>ربط أعمدة الملف</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>السطر</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>العمود</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>السبب</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>أخطاء الملف حسب السطر</source>
        <translation>File errors by line</translation>
    </message>
    <message>
        <source>الأعمدة المعروفة</source>
        <translation>Recognised columns</translation>
    </message>
    <message>
        <source>الفعالية التي يُسجَّل فيها الجميع</source>
        <translation>The event everyone is registered for</translation>
    </message>
    <message>
        <source>سجّل الجميع في فعالية:</source>
        <translation>Register everyone for:</translation>
    </message>
    <message>
        <source>اختياري: يُسجَّل كل شخص صحيح في الملف في هذه الفعالية، فيظهر في مكتب التسجيل كمسجَّل مسبقًا. الاستيراد يضيف الجدد ويحدّث من تغيّرت بياناتهم، ولا يمسح ما يعرفه البرنامج إذا كانت الخلية فارغة.</source>
        <translation>Optional: every valid person in the file is registered for this event and shows as pre-registered at the desk. The import adds new people and updates changed details; an empty cell never erases what the app already knows.</translation>
    </message>
    <message>
        <source>تقدّم الاستيراد</source>
        <translation>Import progress</translation>
    </message>
    <message>
        <source>أوقف الاستيراد</source>
        <translation>Stop the import</translation>
    </message>
    <message>
        <source>الصفوف التي لم تُستورد</source>
        <translation>Rows that were not imported</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>احفظ تقرير الأخطاء…</source>
        <translation>Save the error report…</translation>
    </message>
    <message>
        <source>الاسم بالإنجليزية</source>
        <translation>Name in English</translation>
    </message>
    <message>
        <source>رقم الهوية</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>الجوال</source>
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
        <source>رمز البطاقة</source>
        <translation>Badge code</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>الخطوة ١ من ٤: اختر الملف</source>
        <translation>Step 1 of 4: choose the file</translation>
    </message>
    <message>
        <source>الخطوة ٢ من ٤: راجع المعاينة</source>
        <translation>Step 2 of 4: check the preview</translation>
    </message>
    <message>
        <source>الخطوة ٣ من ٤: التسجيل في فعالية (اختياري)</source>
        <translation>Step 3 of 4: register for an event (optional)</translation>
    </message>
    <message>
        <source>الخطوة ٤ من ٤: الاستيراد</source>
        <translation>Step 4 of 4: import</translation>
    </message>
    <message>
        <source>ابدأ الاستيراد</source>
        <translation>Start the import</translation>
    </message>
    <message>
        <source>اختر ملف القائمة</source>
        <translation>Choose the roster file</translation>
    </message>
    <message>
        <source>قوائم (*.xlsx *.csv *.txt *.xls *.ods)</source>
        <translation>Lists (*.xlsx *.csv *.txt *.xls *.ods)</translation>
    </message>
    <message>
        <source>كل الملفات (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>الترميز: %1</source>
        <translation>encoding: %1</translation>
    </message>
    <message>
        <source>الفاصل: %1</source>
        <translation>delimiter: %1</translation>
    </message>
    <message>
        <source>الملف: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>عدد الصفوف: %1 — صالحة للاستيراد: %2 — فيها أخطاء: %3</source>
        <translation>Rows: %1 — valid: %2 — with errors: %3</translation>
    </message>
    <message>
        <source>أعمدة لن تُقرأ: %1</source>
        <translation>Columns that will be ignored: %1</translation>
    </message>
    <message>
        <source>أخطاء حسب السطر (لن تُستورد هذه الصفوف)</source>
        <translation>Errors by line (these rows will not be imported)</translation>
    </message>
    <message>
        <source>لا أخطاء في الملف</source>
        <translation>No errors in the file</translation>
    </message>
    <message>
        <source>حفظ تقرير الأخطاء</source>
        <translation>Save the error report</translation>
    </message>
    <message>
        <source>ملف Excel (*.xlsx)</source>
        <translation>Excel file (*.xlsx)</translation>
    </message>
    <message>
        <source>ملف CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <source>أخطاء الاستيراد</source>
        <translation>import errors</translation>
    </message>
    <message>
        <source>حُفظ تقرير الأخطاء: {0}</source>
        <translation>Error report saved: {0}</translation>
    </message>
    <message>
        <source>— لا تسجيل في فعالية —</source>
        <translation>— no event registration —</translation>
    </message>
    <message>
        <source>جارٍ التحضير…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>جارٍ الإيقاف بعد الدفعة الجارية؛ ما حُفظ قبلها يبقى…</source>
        <translation>Stopping after the current batch; what was saved before it stays…</translation>
    </message>
    <message>
        <source>حُفظ %1 من %2</source>
        <translation>Saved %1 of %2</translation>
    </message>
    <message>
        <source>أُوقف الاستيراد. حُفظ ما اكتمل قبل الإيقاف (%1 صفًا)، ولم يُكتب الباقي؛ أعد الاستيراد لإكماله.</source>
        <translation>The import was stopped. What was finished before the stop is saved (%1 rows); the rest was not written. Import the file again to complete it.</translation>
    </message>
    <message>
        <source>اكتمل الاستيراد.</source>
        <translation>The import is complete.</translation>
    </message>
    <message>
        <source>أُضيف: %1 — حُدّث: %2 — بلا تغيير: %3 — سُجّل في الفعالية: %4 — صفوف بأخطاء: %5</source>
        <translation>Added: %1 — updated: %2 — unchanged: %3 — registered for the event: %4 — rows with errors: %5</translation>
    </message>
    <message>
        <source>تم</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>IssueTab</name>
    <message numerus="yes">
        <source>%n ساعة</source>
        <comment>spin box suffix</comment>
        <extracomment>a batch finished: files, the certificate ids in them progress of the running batch (done, total), on the UI thread</extracomment>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>رقم الهوية</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>مجلد حفظ الشهادات</source>
        <translation>Folder for the certificates</translation>
    </message>
    <message>
        <source>صدرت: {0}</source>
        <translation>Issued: {0}</translation>
    </message>
    <message>
        <source>مؤهل</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>اختر فعالية لعرض المؤهلين للشهادات.</source>
        <translation>Choose an event to see who is eligible for a certificate.</translation>
    </message>
    <message>
        <source>مؤهلون: {0} · صدرت لهم شهادات: {1} · غير مؤهلين: {2} · المحدَّدون: {3}</source>
        <translation>Eligible: {0} · Already issued: {1} · Not eligible: {2} · Ticked: {3}</translation>
    </message>
    <message>
        <source>%v من %m</source>
        <translation>%v of %m</translation>
    </message>
    <message>
        <source>أُلغيت الطباعة؛ لم يُكتب أي ملف. الشهادات التي صدرت تبقى بأرقامها وتُطبع لاحقًا.</source>
        <translation>Printing cancelled; no file was written. The certificates already issued keep their numbers and can be printed later.</translation>
    </message>
    <message numerus="yes">
        <source>صدرت %n شهادة جديدة</source>
        <translation>
            <numerusform>%n new certificate issued</numerusform>
            <numerusform>%n new certificates issued</numerusform>
        </translation>
    </message>
    <message>
        <source>، </source>
        <translation>; </translation>
    </message>
    <message numerus="yes">
        <source>وأُنشئ %n ملف في {0}</source>
        <translation>
            <numerusform>%n file written to {0}</numerusform>
            <numerusform>%n files written to {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>تجاوز الحد الأدنى للساعات:</source>
        <translation>Override the minimum hours:</translation>
    </message>
    <message>
        <source>الحد الأدنى للساعات</source>
        <translation>Minimum hours</translation>
    </message>
    <message>
        <source>بدونه يُطبَّق الحد الأدنى المحدد في الفعالية</source>
        <translation>Without it the event&apos;s own minimum applies</translation>
    </message>
    <message>
        <source>القالب:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>قالب الشهادة</source>
        <translation>Certificate template</translation>
    </message>
    <message>
        <source>الملفات:</source>
        <translation>Files:</translation>
    </message>
    <message>
        <source>ملف واحد للجميع</source>
        <translation>One file for all</translation>
    </message>
    <message>
        <source>ملف لكل شخص</source>
        <translation>One file per person</translation>
    </message>
    <message>
        <source>المجلد:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>اختيار…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>اختيار مجلد حفظ الشهادات</source>
        <translation>Choose the folder for the certificates</translation>
    </message>
    <message>
        <source>تحديد كل المؤهلين</source>
        <translation>Tick everyone eligible</translation>
    </message>
    <message>
        <source>إلغاء التحديد</source>
        <translation>Untick all</translation>
    </message>
    <message>
        <source>إلغاء</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>إصدار الشهادات وإنشاء الملفات</source>
        <translation>Issue certificates and create the files</translation>
    </message>
    <message>
        <source>المؤهلون للشهادات</source>
        <translation>Eligible for certificates</translation>
    </message>
</context>
<context>
    <name>IssuedTab</name>
    <message>
        <source>رقم الشهادة</source>
        <extracomment>the coordinator asked to reprint these certificate ids (with_dialog)</extracomment>
        <translation>Certificate No.</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>صدرت في</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>بواسطة</source>
        <translation>By</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ملغاة: {0}</source>
        <translation>Voided: {0}</translation>
    </message>
    <message>
        <source>سارية</source>
        <translation>Valid</translation>
    </message>
    <message numerus="yes">
        <source>سارية · طُبعت %n مرة</source>
        <translation>
            <numerusform>Valid · printed %n time</numerusform>
            <numerusform>Valid · printed %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شهادة، منها {0} ملغاة</source>
        <translation>
            <numerusform>%n certificate, {0} of them voided</numerusform>
            <numerusform>%n certificates, {0} of them voided</numerusform>
        </translation>
    </message>
    <message>
        <source>إلغاء الشهادة للمشرف فقط؛ اطلب من المشرف إلغاءها.</source>
        <translation>Only a supervisor can void a certificate; ask your supervisor.</translation>
    </message>
    <message>
        <source>إلغاء شهادة</source>
        <translation>Void a certificate</translation>
    </message>
    <message>
        <source>إلغاء الشهادة {0} لـ{1}. اكتب السبب (مثل: اسم خاطئ):</source>
        <translation>Void certificate {0} of {1}. Type the reason (for example: wrong name):</translation>
    </message>
    <message>
        <source>إلغاء الشهادة</source>
        <translation>Void certificate</translation>
    </message>
    <message>
        <source>أُلغيت الشهادة {0}.</source>
        <translation>Certificate {0} was voided.</translation>
    </message>
    <message>
        <source>إلغاء الشهادة…</source>
        <translation>Void certificate…</translation>
    </message>
    <message>
        <source>إعادة طباعة…</source>
        <translation>Reprint…</translation>
    </message>
    <message>
        <source>إعادة طباعة على الطابعة الافتراضية</source>
        <translation>Reprint on the default printer</translation>
    </message>
    <message>
        <source>الشهادات الصادرة</source>
        <translation>Issued certificates</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>ملغى: {0}</source>
        <translation>Voided: {0}</translation>
    </message>
    <message>
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <source>المستلم</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>الهدية</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>الكمية</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>سلّمها</source>
        <translation>Handed by</translation>
    </message>
    <message>
        <source>تنبيهات</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>هدايا</source>
        <translation>gifts</translation>
    </message>
    <message>
        <source>كل الفعاليات</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>كل الزيارات</source>
        <translation>All visits</translation>
    </message>
    <message>
        <source>كل الهدايا</source>
        <translation>All gifts</translation>
    </message>
    <message numerus="yes">
        <source>%n تسليم</source>
        <translation>
            <numerusform>%n hand-over</numerusform>
            <numerusform>%n hand-overs</numerusform>
        </translation>
    </message>
    <message>
        <source> (منها {0} ملغاة)</source>
        <translation> ({0} voided)</translation>
    </message>
    <message>
        <source>إلغاء التسليم للمشرف أو مدير النظام فقط؛ اطلب من المشرف أن يلغيه مع ذكر السبب.</source>
        <translation>Only a supervisor or an administrator can void a hand-over; ask a supervisor to void it with the reason.</translation>
    </message>
    <message>
        <source>هذا التسليم ملغى من قبل.</source>
        <translation>This hand-over is already voided.</translation>
    </message>
    <message>
        <source>يلغي التسليم المحدد ويعيد الكمية إلى المخزون؛ السبب مطلوب.</source>
        <translation>Voids the selected hand-over and returns the quantity to stock; a reason is required.</translation>
    </message>
    <message>
        <source>إلغاء التسليم</source>
        <translation>Void hand-over</translation>
    </message>
    <message>
        <source>لماذا يُلغى التسليم ({0}) إلى {1}؟ يُحفظ السبب مع اسمك وتعود الكمية إلى المخزون.</source>
        <translation>Why void the hand-over ({0}) to {1}? The reason is kept with your name and the quantity returns to stock.</translation>
    </message>
    <message>
        <source>ألغِ التسليم</source>
        <translation>Void it</translation>
    </message>
    <message>
        <source>أُلغي التسليم وعادت الكمية إلى المخزون.</source>
        <translation>Hand-over voided; the quantity is back in stock.</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>الزيارة</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>من تاريخ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>إلى تاريخ</source>
        <translation>To</translation>
    </message>
    <message>
        <source>تصفية حسب: {0}</source>
        <translation>Filter by: {0}</translation>
    </message>
    <message>
        <source>جزء من اسم المستلم</source>
        <translation>Part of the recipient&apos;s name</translation>
    </message>
    <message>
        <source>تصدير Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>تصدير PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>يُصدَّر السجل بحسب الفعالية والزيارة والهدية والتاريخ المختارة</source>
        <translation>Exports the log as filtered by event, visit, gift and dates</translation>
    </message>
    <message>
        <source>أظهر التسليمات الملغاة</source>
        <translation>Show voided hand-overs</translation>
    </message>
    <message>
        <source>إلغاء التسليم المحدد</source>
        <translation>Void the selected hand-over</translation>
    </message>
    <message>
        <source>سجل التسليمات</source>
        <translation>Hand-over log</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>ميدان — الدخول</source>
        <translation>FieldApp — sign in</translation>
    </message>
    <message>
        <source>حسابات البيانات التجريبية (انقر للتعبئة):</source>
        <translation>Demo accounts (click to fill in):</translation>
    </message>
    <message>
        <source>اكتب اسم المستخدم وكلمة المرور.</source>
        <translation>Type your user name and password.</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>ميدان</source>
        <translation>FieldApp</translation>
    </message>
    <message>
        <source>سجّل الدخول للمتابعة</source>
        <translation>Sign in to continue</translation>
    </message>
    <message>
        <source>اسم المستخدم</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>كلمة المرور</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>البقاء متصلًا على هذا الجهاز حتى نهاية اليوم</source>
        <translation>Stay signed in on this laptop until the end of the day</translation>
    </message>
    <message>
        <source>دخول</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>لا فعالية جارية الآن</source>
        <extracomment>background sync (issue 9): its line in the status bar, its page in Settings</extracomment>
        <translation>No event running now</translation>
    </message>
    <message>
        <source>ميدان — تنسيق العمل الميداني</source>
        <translation>FieldApp — field coordination</translation>
    </message>
    <message>
        <source>ميدان</source>
        <translation>FieldApp</translation>
    </message>
    <message>
        <source>قفل</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>قفل البرنامج والعودة إلى شاشة الدخول (Ctrl+L)</source>
        <translation>Lock the app and return to the sign-in screen (Ctrl+L)</translation>
    </message>
    <message>
        <source>التنقل بين الشاشات</source>
        <translation>Screen navigation</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>دمج جهتين</source>
        <translation>Merge two bodies</translation>
    </message>
    <message>
        <source>«%1» مكررة: تنتقل اتفاقياتها وزياراتها وفعالياتها وهداياها إلى الجهة المختارة، وتُكمل بياناتها الناقصة، ثم تُحذف. لا يمكن التراجع عن الدمج.</source>
        <translation>“%1” is a duplicate: its agreements, visits, events and gifts move to the body chosen, which takes the details it lacks, then the duplicate is removed. A merge cannot be undone.</translation>
    </message>
    <message>
        <source>تبقى الجهة</source>
        <translation>Keep the body</translation>
    </message>
    <message>
        <source>الجهة التي تبقى</source>
        <translation>The body that stays</translation>
    </message>
    <message>
        <source>دمج</source>
        <translation>Merge</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>لوحة المتابعة</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>مكتب التسجيل</source>
        <translation>Check-in desk</translation>
    </message>
    <message>
        <source>الهدايا</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <source>الزيارات</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>الأشخاص</source>
        <translation>People</translation>
    </message>
    <message>
        <source>الفعاليات</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>الشهادات</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>الجهات والشراكات</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>الإعدادات</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PartnersScreen</name>
    <message>
        <source>الجهة</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>النوع</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>المدينة</source>
        <translation>City</translation>
    </message>
    <message>
        <source>مسؤول التواصل</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>الهاتف</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>الاتفاقية</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>من</source>
        <translation>From</translation>
    </message>
    <message>
        <source>إلى</source>
        <translation>to</translation>
    </message>
    <message>
        <source>الملف</source>
        <translation>File</translation>
    </message>
    <message>
        <source>التاريخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>البيان</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>التفاصيل</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>الجهات والشراكات</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>إضافة جهة</source>
        <translation>Add body</translation>
    </message>
    <message>
        <source>تعديل</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>دمج مع جهة أخرى…</source>
        <translation>Merge with another body…</translation>
    </message>
    <message>
        <source>دمج الجهة المحددة مع جهة أخرى مكررة</source>
        <translation>Merge the selected body with a duplicate</translation>
    </message>
    <message>
        <source>ابحث باسم الجهة أو رقم هاتفها…</source>
        <translation>Search by the body&apos;s name or phone…</translation>
    </message>
    <message>
        <source>البحث في الجهات</source>
        <translation>Search the bodies</translation>
    </message>
    <message>
        <source>قائمة الجهات</source>
        <translation>Bodies</translation>
    </message>
    <message>
        <source>اتفاقيات تنتهي خلال 30 يومًا</source>
        <translation>Agreements ending within 30 days</translation>
    </message>
    <message>
        <source>جهات لديها اتفاقية سارية ولم تُزر منذ 6 أشهر</source>
        <translation>Partners with a running agreement not visited in 6 months</translation>
    </message>
    <message>
        <source>تصفية حسب نوع الجهة</source>
        <translation>Filter by type of body</translation>
    </message>
    <message>
        <source>تصفية حسب المدينة</source>
        <translation>Filter by city</translation>
    </message>
    <message>
        <source>فترة السجل</source>
        <translation>History period</translation>
    </message>
    <message>
        <source>الاتفاقيات</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <source>السجل</source>
        <translation>History</translation>
    </message>
    <message>
        <source>اتفاقية جديدة</source>
        <translation>New agreement</translation>
    </message>
    <message>
        <source>تعديل الاتفاقية</source>
        <translation>Edit agreement</translation>
    </message>
    <message>
        <source>إرفاق النسخة الموقعة…</source>
        <translation>Attach the signed copy…</translation>
    </message>
    <message>
        <source>فتح النسخة الموقعة</source>
        <translation>Open the signed copy</translation>
    </message>
    <message>
        <source>تصدير Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>تصدير PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>دمج الجهات للمشرف أو مدير النظام.</source>
        <translation>Merging bodies is for a supervisor or an administrator.</translation>
    </message>
    <message>
        <source>كل الأنواع</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>هذا العام</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>كل السجل</source>
        <translation>All history</translation>
    </message>
    <message>
        <source>كل المدن</source>
        <translation>All cities</translation>
    </message>
    <message numerus="yes">
        <source>%n جهة</source>
        <translation>
            <numerusform>%n body</numerusform>
            <numerusform>%n bodies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>تنتهي بعد %n يوم</source>
        <translation>
            <numerusform>ends in %n day</numerusform>
            <numerusform>ends in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>لا اتفاقيات تنتهي قريبًا.</source>
        <translation>No agreement ends soon.</translation>
    </message>
    <message>
        <source>آخر زيارة: %1</source>
        <translation>last visit: %1</translation>
    </message>
    <message>
        <source>لم تُزر قط</source>
        <translation>never visited</translation>
    </message>
    <message>
        <source>زُرنا كل الشركاء خلال الأشهر الستة الماضية.</source>
        <translation>Every partner was visited in the last six months.</translation>
    </message>
    <message>
        <source>اختر جهة من القائمة.</source>
        <translation>Choose a body from the list.</translation>
    </message>
    <message>
        <source>زيارات: %1 (منفذة %2) — هدايا: %3 — فعاليات: %4 — اتفاقيات: %5</source>
        <translation>Visits: %1 (%2 done) — gifts: %3 — events: %4 — agreements: %5</translation>
    </message>
    <message>
        <source>لا اتفاقيات مع هذه الجهة بعد.</source>
        <translation>No agreement with this body yet.</translation>
    </message>
    <message numerus="yes">
        <source>⚠ تنتهي بعد %n يوم: حان وقت التجديد.</source>
        <translation>
            <numerusform>⚠ Ends in %n day: time to renew.</numerusform>
            <numerusform>⚠ Ends in %n days: time to renew.</numerusform>
        </translation>
    </message>
    <message>
        <source>الموقّع عن الجهة: %1</source>
        <translation>Signed for the partner by: %1</translation>
    </message>
    <message>
        <source>التزاماتنا: %1</source>
        <translation>Our commitments: %1</translation>
    </message>
    <message>
        <source>التزامات الجهة: %1</source>
        <translation>The partner&apos;s commitments: %1</translation>
    </message>
    <message>
        <source>دُمجت الجهتان في «%1».</source>
        <translation>The two bodies are now “%1”.</translation>
    </message>
    <message>
        <source>النسخة الموقعة من الاتفاقية</source>
        <translation>The signed copy of the agreement</translation>
    </message>
    <message>
        <source>PDF أو صورة (*.pdf *.png *.jpg *.jpeg *.webp *.tif *.tiff)</source>
        <translation>PDF or image (*.pdf *.png *.jpg *.jpeg *.webp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>أُرفقت النسخة الموقعة.</source>
        <translation>The signed copy is attached.</translation>
    </message>
    <message>
        <source>شراكة</source>
        <translation>partner</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>صفحة {0} من {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>السابقة</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>التالية</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>ملء الإطار</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>فتح المجلد</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>طباعة…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>طباعة على الطابعة الافتراضية</source>
        <translation>Print on the default printer</translation>
    </message>
    <message>
        <source>لا توجد شهادات للمعاينة بعد. أصدر الشهادات من تبويب «الإصدار» أو أعد طباعة شهادة صادرة.</source>
        <translation>No certificates to preview yet. Issue them in the &quot;Issue&quot; tab or reprint an issued certificate.</translation>
    </message>
    <message>
        <source>الملف المعروض</source>
        <translation>File shown</translation>
    </message>
    <message>
        <source>الصفحة السابقة</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>الصفحة التالية</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>تكبير</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>تصغير</source>
        <translation>Zoom out</translation>
    </message>
</context>
<context>
    <name>PeopleFound</name>
    <message>
        <source>نتائج البحث</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>غير مسجل في الفعالية</source>
        <translation>not registered for the event</translation>
    </message>
</context>
<context>
    <name>PeopleScreen</name>
    <message>
        <source>الأشخاص</source>
        <translation>People</translation>
    </message>
    <message>
        <source>ابحث بالاسم أو رقم الهوية أو الجوال أو رمز البطاقة…</source>
        <translation>Search by name, national ID, mobile or badge code…</translation>
    </message>
    <message>
        <source>البحث في قائمة الأشخاص</source>
        <translation>Search the roster</translation>
    </message>
    <message>
        <source>قائمة الأشخاص</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>إضافة شخص</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>إضافة شخص جديد</source>
        <translation>Add a new person</translation>
    </message>
    <message>
        <source>تعديل</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>تعديل بيانات الشخص المحدد</source>
        <translation>Edit the selected person</translation>
    </message>
    <message>
        <source>استيراد قائمة…</source>
        <translation>Import list…</translation>
    </message>
    <message>
        <source>استيراد قائمة من ملف Excel أو CSV</source>
        <translation>Import a list from an Excel or CSV file</translation>
    </message>
    <message>
        <source>سجل المتطوع</source>
        <translation>Volunteer record</translation>
    </message>
    <message>
        <source>سجل الشخص المحدد: فعالياته وساعاته وشهاداته وهداياه</source>
        <translation>The selected person&apos;s record: events, hours, certificates and gifts</translation>
    </message>
    <message>
        <source>تقرير الساعات…</source>
        <translation>Hours report…</translation>
    </message>
    <message>
        <source>تقرير الساعات التطوعية لكل متطوع في فترة</source>
        <translation>Volunteer hours per person over a period</translation>
    </message>
    <message numerus="yes">
        <source>%n نتيجة</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شخص في القائمة</source>
        <translation>
            <numerusform>%n person in the list</numerusform>
            <numerusform>%n people in the list</numerusform>
        </translation>
    </message>
    <message>
        <source>تعديل القائمة والاستيراد للمشرف أو مدير النظام؛ يمكنك البحث والاطلاع.</source>
        <translation>Editing and importing the roster is for a supervisor or an administrator; you can search and view.</translation>
    </message>
    <message>
        <source>تعديل بيانات الأشخاص للمشرف أو مدير النظام.</source>
        <translation>Editing people is for a supervisor or an administrator.</translation>
    </message>
    <message>
        <source>استيراد القوائم للمشرف أو مدير النظام.</source>
        <translation>Importing lists is for a supervisor or an administrator.</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>سنة هجرية</source>
        <translation>Hijri year</translation>
    </message>
    <message>
        <source>سنة ميلادية</source>
        <translation>Gregorian year</translation>
    </message>
    <message>
        <source>من تاريخ إلى تاريخ</source>
        <translation>From a date to a date</translation>
    </message>
    <message>
        <source>من</source>
        <translation>From</translation>
    </message>
    <message>
        <source>إلى</source>
        <translation>to</translation>
    </message>
    <message>
        <source>نوع الفترة</source>
        <translation>Kind of period</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>— غير محدد —</source>
        <translation>— not set —</translation>
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
        <source>أقبل رقم الهوية رغم أن رقم التحقق لا يطابق (صلاحية المشرف)</source>
        <translation>Accept this national ID although its check digit does not match (supervisor)</translation>
    </message>
    <message>
        <source>قبول رقم هوية لا يطابق رقم التحقق</source>
        <translation>Accept a national ID whose check digit does not match</translation>
    </message>
    <message>
        <source>حفظ</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>إلغاء</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>تعديل بيانات الشخص</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>إضافة شخص</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>حُفظت بيانات «%1»</source>
        <translation>Saved “%1”</translation>
    </message>
    <message>
        <source>لا يقبل هذا الرقم إلا مشرف؛ صحّح الرقم أو اطلب من المشرف حفظه.</source>
        <translation>Only a supervisor can accept this number; correct it or ask a supervisor to save it.</translation>
    </message>
</context>
<context>
    <name>PersonEditForm</name>
    <message>
        <source>بيانات الشخص</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>الاسم الكامل</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>مثل: عبدالله بن خميس الزايدي</source>
        <translation>e.g. Abdullah bin Khamis Al-Zayedi</translation>
    </message>
    <message>
        <source>الاسم بالإنجليزية</source>
        <translation>Name in English</translation>
    </message>
    <message>
        <source>Abdullah Al-Zayedi</source>
        <translation>Abdullah Al-Zayedi</translation>
    </message>
    <message>
        <source>رقم الهوية / الإقامة</source>
        <translation>National ID / iqama</translation>
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
        <source>05XXXXXXXX</source>
        <translation>05XXXXXXXX</translation>
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
        <source>مثل 2001-05-17 أو 1422/02/23 هـ</source>
        <translation>e.g. 2001-05-17 or 1422/02/23 AH</translation>
    </message>
    <message>
        <source>موافقة ولي الأمر</source>
        <translation>Guardian consent</translation>
    </message>
    <message>
        <source>توجد موافقة ولي الأمر (لمن هم دون 18 عامًا)</source>
        <translation>Guardian consent on file (for under 18)</translation>
    </message>
    <message>
        <source>رمز البطاقة</source>
        <translation>Badge code</translation>
    </message>
    <message>
        <source>يُقرأ بالماسح</source>
        <translation>read by the scanner</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <source>«{0}» قيد الإنشاء</source>
        <extracomment>registry key (&quot;desk&quot;, &quot;gifts&quot;...); set by the subclass (or by the registry for placeholders) Changed topics this screen shows; a publish touching any of them refreshes it a permission (core.permissions action) needed to open the screen, or None for everyone</extracomment>
        <translation>“{0}” is being built</translation>
    </message>
</context>
<context>
    <name>PrintLogTab</name>
    <message>
        <source>رقم الشهادة</source>
        <translation>Certificate No.</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <source>بواسطة</source>
        <translation>By</translation>
    </message>
    <message>
        <source>النوع</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>الطابعة</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>طباعة</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>إعادة طباعة</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>ملف PDF</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>{0} عملية طباعة، الأحدث أولًا</source>
        <translation>{0} prints, newest first</translation>
    </message>
    <message>
        <source>سجل الطباعة</source>
        <translation>Print log</translation>
    </message>
</context>
<context>
    <name>RecentScans</name>
    <message>
        <source>آخر عمليات المسح</source>
        <translation>Recent scans</translation>
    </message>
    <message>
        <source>مسجَّل من قبل</source>
        <translation>Already recorded</translation>
    </message>
    <message>
        <source>مرفوض</source>
        <translation>Refused</translation>
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
        <source>{0} — أُلغي</source>
        <translation>{0} — voided</translation>
    </message>
</context>
<context>
    <name>RecipientPicker</name>
    <message>
        <source>شخص</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>جهة</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>المستلم شخص</source>
        <translation>Recipient is a person</translation>
    </message>
    <message>
        <source>المستلم جهة</source>
        <translation>Recipient is a body</translation>
    </message>
    <message>
        <source>ابحث عن المستلم</source>
        <translation>Search for the recipient</translation>
    </message>
    <message>
        <source>نتائج البحث</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>تغيير</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>تغيير المستلم</source>
        <translation>Change the recipient</translation>
    </message>
    <message>
        <source>الصفة، مثل: مدير السجن (اختياري)</source>
        <translation>Role, e.g. prison director (optional)</translation>
    </message>
    <message>
        <source>صفة المستلم في الجهة</source>
        <translation>Recipient&apos;s role at the body</translation>
    </message>
    <message>
        <source>اكتب الاسم أو رقم الهوية أو الجوال</source>
        <extracomment>emitted when the chosen recipient (or the body&apos;s label) changes emitted with (kind, id, name) when a result is chosen (team lists add it and clear)</extracomment>
        <translation>Type a name, national ID or mobile</translation>
    </message>
    <message>
        <source>اكتب اسم الجهة أو هاتفها</source>
        <translation>Type the body&apos;s name or phone</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
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
        <source>✗ تعذّر التسجيل</source>
        <translation>Could not record</translation>
    </message>
    <message>
        <source>اختر من القائمة</source>
        <translation>Choose from the list</translation>
    </message>
    <message>
        <source>«{0}» يطابق أكثر من احتمال ({1}): انزل بالسهم ↓ ثم ‪Enter‬</source>
        <translation>“{0}” matches more than one person ({1}): press ↓ then Enter</translation>
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
        <source>✓ سُجّل خروج الجميع</source>
        <translation>Everyone checked out</translation>
    </message>
    <message numerus="yes">
        <source>%n شخص</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>الساعة {0}</source>
        <translation>at {0}</translation>
    </message>
    <message>
        <source>غير موجود</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>مسجَّل من قبل — لا حاجة لشيء</source>
        <translation>Already recorded — nothing to do</translation>
    </message>
    <message>
        <source>مرفوض</source>
        <translation>Refused</translation>
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
        <source>سُجّل الساعة {0}</source>
        <translation>Recorded at {0}</translation>
    </message>
    <message>
        <source>{0} · الساعات حتى الآن: {1}</source>
        <translation>{0} · hours so far: {1}</translation>
    </message>
    <message>
        <source>تراجع ({0})</source>
        <translation>Undo ({0})</translation>
    </message>
    <message>
        <source>تراجع عن مسح {0} ({1})</source>
        <translation>Undo the scan of {0} ({1})</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الاسم بالإنجليزية</source>
        <translation>Name in English</translation>
    </message>
    <message>
        <source>رقم الهوية</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>الجوال</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>الجنس</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>العمر</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>الموافقة</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>البطاقة</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>ذكر</source>
        <extracomment>(total rows shown, searching?) after every reload or search</extracomment>
        <translation>Male</translation>
    </message>
    <message>
        <source>أنثى</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>تلزم موافقة ولي الأمر</source>
        <translation>Guardian consent needed</translation>
    </message>
    <message>
        <source>موافقة ✓</source>
        <translation>Consent ✓</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>اسم المستخدم</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>الدور</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>نشط</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>موقوف</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>حُفظ العنوان: رمز QR في الشهادات الجديدة يفتح صفحة التحقق على الخادم.</source>
        <translation>Address saved: the QR on new certificates opens the verification page on the server.</translation>
    </message>
    <message>
        <source>أُزيل العنوان: رمز QR في الشهادات الجديدة يحمل الرمز الموقَّع وحده.</source>
        <translation>Address removed: the QR on new certificates holds the signed code alone.</translation>
    </message>
    <message>
        <source>أُضيف المستخدم.</source>
        <translation>User added.</translation>
    </message>
    <message>
        <source>الإعدادات</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>اللغة والعرض</source>
        <translation>Language and display</translation>
    </message>
    <message>
        <source>لغة الواجهة</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>الأرقام</source>
        <translation>Digits</translation>
    </message>
    <message>
        <source>لاتينية (0123456789)</source>
        <translation>Latin (0123456789)</translation>
    </message>
    <message>
        <source>عربية مشرقية (٠١٢٣٤٥٦٧٨٩)</source>
        <translation>Arabic-Indic (٠١٢٣٤٥٦٧٨٩)</translation>
    </message>
    <message>
        <source>صوت عند كل نتيجة في مكتب التسجيل</source>
        <translation>Play a sound for each check-in desk result</translation>
    </message>
    <message>
        <source>التحقق من الشهادات بالجوال</source>
        <translation>Verifying certificates with a phone</translation>
    </message>
    <message>
        <source>العنوان العام لخادم الجهة: يحمله رمز QR في الشهادات الجديدة، فتفتح كاميرا أي جوال صفحة التحقق منها. اتركه فارغًا ليحمل الرمز التوقيع وحده (يُتحقَّق منه في البرنامج). الشهادات المطبوعة من قبل تبقى صالحة.</source>
        <translation>The organisation server&apos;s public address: the QR on new certificates carries it, so any phone camera opens the page that verifies them. Leave it empty for a QR that holds the signature alone (verified in the app). Certificates printed before stay valid.</translation>
    </message>
    <message>
        <source>عنوان التحقق العام للخادم</source>
        <translation>The server&apos;s public verification address</translation>
    </message>
    <message>
        <source>حفظ العنوان</source>
        <translation>Save the address</translation>
    </message>
    <message>
        <source>يغيّر هذا العنوانَ مديرُ النظام.</source>
        <translation>An administrator changes this address.</translation>
    </message>
    <message>
        <source>مستخدمو هذا الجهاز</source>
        <translation>Users of this laptop</translation>
    </message>
    <message>
        <source>إدارة المستخدمين لمدير النظام فقط.</source>
        <translation>Only an administrator manages users.</translation>
    </message>
    <message>
        <source>اسم المستخدم الجديد</source>
        <translation>New user name</translation>
    </message>
    <message>
        <source>الاسم كما يظهر</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>اسم المستخدم الجديد كما يظهر</source>
        <translation>New user&apos;s display name</translation>
    </message>
    <message>
        <source>دور المستخدم الجديد</source>
        <translation>New user&apos;s role</translation>
    </message>
    <message>
        <source>كلمة المرور</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>كلمة مرور المستخدم الجديد</source>
        <translation>New user&apos;s password</translation>
    </message>
    <message>
        <source>إضافة مستخدم</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>حول البرنامج</source>
        <translation>About</translation>
    </message>
    <message>
        <source>عام</source>
        <translation>General</translation>
    </message>
    <message>
        <source>قوالب الشهادات</source>
        <translation>Certificate templates</translation>
    </message>
    <message>
        <source>الإصدار</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>مجلد البيانات</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>قاعدة البيانات</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>رمز الجهاز</source>
        <translation>Device code</translation>
    </message>
</context>
<context>
    <name>StockEntryDialog</name>
    <message>
        <source>{0} — المخزون الآن: {1}</source>
        <translation>{0} — stock now: {1}</translation>
    </message>
    <message>
        <source>تسوية المخزون</source>
        <translation>Stock adjustment</translation>
    </message>
    <message>
        <source>مقدار التسوية</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <source>السبب</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>موجب لما وُجد زائدًا، سالب لما تلف أو فُقد. السبب مطلوب ويُحفظ مع اسمك.</source>
        <translation>Positive for items found, negative for broken or missing ones. The reason is required and kept with your name.</translation>
    </message>
    <message>
        <source>سجّل التسوية</source>
        <translation>Record adjustment</translation>
    </message>
    <message>
        <source>المصدر</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>كمية وصلت إلى المخزون. اكتب مصدرها (توريد من المستودع، تبرع من جهة…)؛ يُحفظ مع اسمك.</source>
        <translation>A quantity received into stock. Say where it came from (main store delivery, a donation…); it is kept with your name.</translation>
    </message>
    <message>
        <source>سجّل الاستلام</source>
        <translation>Record receipt</translation>
    </message>
    <message>
        <source>استلام مخزون</source>
        <translation>Receive stock</translation>
    </message>
    <message>
        <source>الكمية</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>ملاحظة</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>ملاحظة أو سبب</source>
        <translation>Note or reason</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <source>الهدية</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>المخزون</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>الوحدة</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>الحد لكل مستلم</source>
        <translation>Limit per recipient</translation>
    </message>
    <message>
        <source>حد التنبيه</source>
        <translation>Alert threshold</translation>
    </message>
    <message>
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <source>الحركة</source>
        <translation>Movement</translation>
    </message>
    <message>
        <source>التغير</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>الرصيد</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>التفاصيل</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>بواسطة</source>
        <translation>By</translation>
    </message>
    <message>
        <source>نفد</source>
        <translation>Out</translation>
    </message>
    <message>
        <source>منخفض</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>متوفر</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>استلام</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>تسوية</source>
        <translation>Adjust</translation>
    </message>
    <message>
        <source>تسليم</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <source>إلغاء</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>استلام المخزون يسجّله المشرف مع ذكر المصدر.</source>
        <translation>A supervisor records stock receipts, with their source.</translation>
    </message>
    <message>
        <source>تسوية المخزون يسجّلها المشرف مع ذكر السبب.</source>
        <translation>A stock adjustment is recorded by a supervisor, with the reason.</translation>
    </message>
    <message>
        <source>تصحيح الرصيد بعد الجرد، بالزيادة أو النقص.</source>
        <translation>Correct the balance after a count, up or down.</translation>
    </message>
    <message>
        <source>حركة المخزون: {0}</source>
        <translation>Stock movements: {0}</translation>
    </message>
    <message>
        <source>{0} — المخزون الآن: {1}</source>
        <translation>{0} — stock now: {1}</translation>
    </message>
    <message>
        <source>استلام مخزون</source>
        <translation>Receive stock</translation>
    </message>
    <message>
        <source>نوع هدية جديد</source>
        <translation>New gift type</translation>
    </message>
    <message>
        <source>تعديل النوع</source>
        <translation>Edit type</translation>
    </message>
    <message>
        <source>المخزون حسب نوع الهدية</source>
        <translation>Stock per gift type</translation>
    </message>
    <message>
        <source>حركة مخزون النوع المحدد</source>
        <translation>Movements of the selected type</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message numerus="yes">
        <source>تمت المزامنة قبل %n دقيقة</source>
        <translation>
            <numerusform>Synced %n minute ago</numerusform>
            <numerusform>Synced %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>تمت المزامنة قبل %n ساعة</source>
        <translation>
            <numerusform>Synced %n hour ago</numerusform>
            <numerusform>Synced %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ساعة هذا الحاسوب مختلفة بـ%n دقيقة — صحّح الساعة</source>
        <translation>
            <numerusform>This laptop&apos;s clock is off by %n minute — fix the clock</numerusform>
            <numerusform>This laptop&apos;s clock is off by %n minutes — fix the clock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n بانتظار الإرسال</source>
        <translation>
            <numerusform>%n change waiting to send</numerusform>
            <numerusform>%n changes waiting to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شخص</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n مسح</source>
        <translation>
            <numerusform>%n scan</numerusform>
            <numerusform>%n scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تسجيل</source>
        <translation>
            <numerusform>%n registration</numerusform>
            <numerusform>%n registrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n فعالية</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تسليم للهدايا</source>
        <translation>
            <numerusform>%n gift hand-over</numerusform>
            <numerusform>%n gift hand-overs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شهادة</source>
        <translation>
            <numerusform>%n certificate</numerusform>
            <numerusform>%n certificates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n زيارة</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تغيير آخر</source>
        <translation>
            <numerusform>%n other change</numerusform>
            <numerusform>%n other changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>تعديل القوالب لمدير النظام فقط.</source>
        <extracomment>the live preview shows the current edits (after each successful re-render) the current edits cannot be rendered: the service&apos;s message</extracomment>
        <translation>Only an administrator can edit templates.</translation>
    </message>
    <message>
        <source>حُفظ القالب. الشهادات التالية تُطبع بهذا النص.</source>
        <translation>Template saved. The next certificates print with this text.</translation>
    </message>
    <message>
        <source>أُعيد النص الأصلي للقالب.</source>
        <translation>The template is back to its original text.</translation>
    </message>
    <message>
        <source>للمتطوع</source>
        <translation>For a man</translation>
    </message>
    <message>
        <source>للمتطوعة</source>
        <translation>For a woman</translation>
    </message>
    <message>
        <source>إن لم يُسجَّل الجنس (المتطوع/ـة)</source>
        <translation>Gender not recorded (slash form)</translation>
    </message>
    <message>
        <source>النص</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>القالب:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <source>العنوان:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>نص الشهادة:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>اسم الموقّع:</source>
        <translation>Signatory name:</translation>
    </message>
    <message>
        <source>صفة الموقّع:</source>
        <translation>Signatory title:</translation>
    </message>
    <message>
        <source>حجم الورق:</source>
        <translation>Paper size:</translation>
    </message>
    <message>
        <source>قالب الشهادة</source>
        <translation>Certificate template</translation>
    </message>
    <message>
        <source>عنوان الشهادة</source>
        <translation>Certificate title</translation>
    </message>
    <message>
        <source>نص الشهادة</source>
        <translation>Certificate text</translation>
    </message>
    <message>
        <source>نص الشهادة للمتطوع</source>
        <translation>Certificate text for a man</translation>
    </message>
    <message>
        <source>نص الشهادة للمتطوعة</source>
        <translation>Certificate text for a woman</translation>
    </message>
    <message>
        <source>اسم الموقّع</source>
        <translation>Signatory name</translation>
    </message>
    <message>
        <source>صفة الموقّع</source>
        <translation>Signatory title</translation>
    </message>
    <message>
        <source>حجم الورق</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <source>يُترك فارغًا لاستخدام اسم الموقّع العام</source>
        <translation>Leave empty to use the organisation&apos;s signatory</translation>
    </message>
    <message>
        <source>اسم المتطوع</source>
        <translation>Volunteer name</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>الجهة</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>التاريخ الهجري</source>
        <translation>Hijri date</translation>
    </message>
    <message>
        <source>التاريخ الميلادي</source>
        <translation>Gregorian date</translation>
    </message>
    <message>
        <source>المكان</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>إدراج {0} في موضع المؤشر</source>
        <translation>Insert {0} at the cursor</translation>
    </message>
    <message>
        <source>إدراج {0}</source>
        <translation>Insert {0}</translation>
    </message>
    <message>
        <source>الحقول المتاحة (انقر لإدراجها في النص):</source>
        <translation>Available fields (click to insert into the text):</translation>
    </message>
    <message>
        <source>معاينة مباشرة (بيانات تجريبية، رمز QR غير صالح للتحقق)</source>
        <translation>Live preview (sample data; the QR code will not verify)</translation>
    </message>
    <message>
        <source>استعادة النص الأصلي</source>
        <translation>Restore the original text</translation>
    </message>
    <message>
        <source>حفظ القالب</source>
        <translation>Save template</translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message>
        <source>اختر صورة الشهادة أو ملفها</source>
        <extracomment>verdict -&gt; banner colour: genuine green, tampered/voided red, unknown key amber</extracomment>
        <translation>Choose the certificate image or file</translation>
    </message>
    <message>
        <source>شهادات (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Certificates (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>الصق نص رمز QR أو اختر ملف الشهادة.</source>
        <translation>Paste the QR text or choose the certificate file.</translation>
    </message>
    <message>
        <source>جارٍ التحقق…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>✔ شهادة صحيحة</source>
        <translation>✔ Genuine certificate</translation>
    </message>
    <message>
        <source>✘ شهادة مزوّرة أو معدّلة</source>
        <translation>✘ Forged or altered certificate</translation>
    </message>
    <message>
        <source>✘ شهادة ملغاة</source>
        <translation>✘ Voided certificate</translation>
    </message>
    <message>
        <source>؟ لا يمكن التحقق: مفتاح غير معروف</source>
        <translation>? Cannot verify: unknown key</translation>
    </message>
    <message>
        <source>؟ ليس رمز شهادة من ميدان</source>
        <translation>? Not a FieldApp certificate code</translation>
    </message>
    <message>
        <source>تعذّر قراءة الرمز</source>
        <translation>Could not read the code</translation>
    </message>
    <message>
        <source>رمز QR أو ملف:</source>
        <translation>QR code or file:</translation>
    </message>
    <message>
        <source>الاسم المكتوب (اختياري):</source>
        <translation>Printed name (optional):</translation>
    </message>
    <message>
        <source>الصق النص المقروء من رمز QR (يبدأ بـ FA1.) أو مسار ملف</source>
        <translation>Paste the text read from the QR code (starts with FA1.) or a file path</translation>
    </message>
    <message>
        <source>نص رمز QR أو مسار ملف الشهادة</source>
        <translation>QR text or certificate file path</translation>
    </message>
    <message>
        <source>اختيار ملف…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>اختيار صورة أو ملف PDF للشهادة</source>
        <translation>Choose an image or PDF of the certificate</translation>
    </message>
    <message>
        <source>للتأكد من أن الشهادة صدرت لهذا الاسم</source>
        <translation>To check the certificate was issued to this name</translation>
    </message>
    <message>
        <source>الاسم المكتوب على الشهادة</source>
        <translation>The name printed on the certificate</translation>
    </message>
    <message>
        <source>تحقق</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>النتيجة تظهر هنا</source>
        <translation>The result appears here</translation>
    </message>
</context>
<context>
    <name>VisitAgenda</name>
    <message>
        <source>تعارض</source>
        <translation>Clash</translation>
    </message>
    <message>
        <source>أحد أعضاء الفريق لديه زيارة أخرى في الوقت نفسه</source>
        <translation>A team member has another visit at the same time</translation>
    </message>
    <message>
        <source>الفريق: </source>
        <translation>Team: </translation>
    </message>
    <message>
        <source>الهدايا المخططة: </source>
        <translation>Planned gifts: </translation>
    </message>
    <message>
        <source>سُلِّم: </source>
        <translation>Handed: </translation>
    </message>
    <message>
        <source>زيارات اليوم</source>
        <translation>Visits of the day</translation>
    </message>
    <message>
        <source>لا زيارات في هذا اليوم.</source>
        <translation>No visits on this day.</translation>
    </message>
    <message>
        <source>(عطلة نهاية الأسبوع)</source>
        <translation>(weekend)</translation>
    </message>
</context>
<context>
    <name>VisitClash</name>
    <message>
        <source>{0} لديه زيارة أخرى في الوقت نفسه: {1} {2}–{3}</source>
        <translation>{0} has another visit at the same time: {1} {2}–{3}</translation>
    </message>
    <message>
        <source>{0} لديها زيارة أخرى في الوقت نفسه: {1} {2}–{3}</source>
        <translation>{0} has another visit at the same time: {1} {2}–{3}</translation>
    </message>
    <message>
        <source>{0}: زيارة أخرى في الوقت نفسه: {1} {2}–{3}</source>
        <translation>{0} has another visit at the same time: {1} {2}–{3}</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>تعديل الزيارة</source>
        <translation>Edit visit</translation>
    </message>
    <message>
        <source>زيارة جديدة</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>تاريخ الزيارة</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>ابحث عن عضو لإضافته إلى الفريق</source>
        <translation>Search for a member to add to the team</translation>
    </message>
    <message>
        <source>الهدية</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>الكمية</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>احفظ الزيارة</source>
        <translation>Save visit</translation>
    </message>
    <message>
        <source>— بلا فعالية —</source>
        <translation>— no event —</translation>
    </message>
    <message>
        <source>الهدية المخططة</source>
        <translation>Planned gift</translation>
    </message>
    <message>
        <source>الكمية المخططة</source>
        <translation>Planned quantity</translation>
    </message>
    <message>
        <source>وقت النهاية يجب أن يكون بعد وقت البداية.</source>
        <translation>The end time must be after the start time.</translation>
    </message>
    <message>
        <source>يمكنك الحفظ مع هذا التنبيه، وستظهر الزيارة معلَّمة بالتعارض.</source>
        <translation>You may save with this warning; the visit will be marked with the clash.</translation>
    </message>
    <message>
        <source>اختر الجهة التي ستُزار.</source>
        <translation>Choose the body to visit.</translation>
    </message>
    <message>
        <source>حُفظت الزيارة: {0}</source>
        <translation>Visit saved: {0}</translation>
    </message>
</context>
<context>
    <name>VisitEditDialog</name>
    <message>
        <source>زيارة</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>الجهة</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>العنوان</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>عنوان الزيارة</source>
        <translation>Visit title</translation>
    </message>
    <message>
        <source>التاريخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <source>من</source>
        <translation>From</translation>
    </message>
    <message>
        <source>وقت البداية</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>إلى</source>
        <translation>to</translation>
    </message>
    <message>
        <source>وقت النهاية</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>الفريق</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>أعضاء الفريق</source>
        <translation>Team members</translation>
    </message>
    <message>
        <source>أزل العضو</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>الهدايا المخططة</source>
        <translation>Planned gifts</translation>
    </message>
    <message>
        <source>أضف هدية</source>
        <translation>Add gift</translation>
    </message>
    <message>
        <source>احذف السطر</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>الفعالية (اختياري)</source>
        <translation>Event (optional)</translation>
    </message>
    <message>
        <source>تعارض مواعيد الفريق</source>
        <translation>Team schedule clashes</translation>
    </message>
</context>
<context>
    <name>VisitsScreen</name>
    <message>
        <source>التاريخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <source>الجهة</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>العنوان</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>تعارض</source>
        <translation>Clash</translation>
    </message>
    <message>
        <source>الفريق</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>الهدايا المخططة</source>
        <translation>Planned gifts</translation>
    </message>
    <message>
        <source>الزيارات</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>الأسبوع من {0} إلى {1}</source>
        <translation>Week of {0} to {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n زيارة</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>اختر زيارة لعرض تفاصيلها</source>
        <translation>Choose a visit to see its details</translation>
    </message>
    <message>
        <source>الموعد</source>
        <translation>When</translation>
    </message>
    <message>
        <source>ما سُلِّم</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>الملاحظات</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>الزيارة «{0}»: {1}</source>
        <translation>Visit “{0}”: {1}</translation>
    </message>
    <message>
        <source>إنهاء الزيارة</source>
        <translation>Complete visit</translation>
    </message>
    <message>
        <source>ماذا تم في زيارة {0}؟ اكتب النتيجة والملاحظات (مطلوبة).</source>
        <translation>What came of the visit to {0}? Write the outcome and notes (required).</translation>
    </message>
    <message>
        <source>أنهِ الزيارة</source>
        <translation>Complete it</translation>
    </message>
    <message>
        <source>إلغاء الزيارة</source>
        <translation>Cancel visit</translation>
    </message>
    <message>
        <source>لماذا أُلغيت زيارة {0}؟ يُحفظ السبب مع الزيارة.</source>
        <translation>Why was the visit to {0} cancelled? The reason is kept with the visit.</translation>
    </message>
    <message>
        <source>ألغِ الزيارة</source>
        <translation>Cancel it</translation>
    </message>
    <message>
        <source>الزيارات الميدانية</source>
        <translation>Site visits</translation>
    </message>
    <message>
        <source>زيارة جديدة</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>اليوم</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>الأسبوع</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>القائمة</source>
        <translation>List</translation>
    </message>
    <message>
        <source>عرض: {0}</source>
        <translation>View: {0}</translation>
    </message>
    <message>
        <source>السابق</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>التالي</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>اليوم الحالي</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>كل الحالات</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>تصفية حسب الحالة</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>تعديل</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>بدء الزيارة</source>
        <translation>Start visit</translation>
    </message>
    <message>
        <source>لم تتم (فائتة)</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>تسليم هدية</source>
        <translation>Hand a gift</translation>
    </message>
    <message>
        <source>قائمة الزيارات</source>
        <translation>Visit list</translation>
    </message>
</context>
<context>
    <name>VolunteerRecordDialog</name>
    <message>
        <source>سجل المتطوع</source>
        <translation>Volunteer record</translation>
    </message>
    <message>
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>التاريخ</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>أول دخول</source>
        <translation>First in</translation>
    </message>
    <message>
        <source>آخر خروج</source>
        <translation>Last out</translation>
    </message>
    <message>
        <source>في الموقع</source>
        <translation>still in</translation>
    </message>
    <message>
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>ملاحظات</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>الفعاليات</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>السنة الهجرية</source>
        <translation>Hijri year</translation>
    </message>
    <message>
        <source>السنة الميلادية</source>
        <translation>Gregorian year</translation>
    </message>
    <message>
        <source>الرقم</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>النوع</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>ساعات تطوعية</source>
        <translation>Volunteer hours</translation>
    </message>
    <message>
        <source>فعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>البيان</source>
        <translation>For</translation>
    </message>
    <message>
        <source>صدرت</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ملغاة</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>سارية</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>الهدية</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>الكمية</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>الساعات حسب السنة</source>
        <translation>Hours per year</translation>
    </message>
    <message>
        <source>الشهادات</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>الهدايا</source>
        <translation>Gifts</translation>
    </message>
    <message>
        <source>تنبيهات</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>إعادة طباعة الشهادة المحددة</source>
        <translation>Reprint the selected certificate</translation>
    </message>
    <message>
        <source>إلغاء شهادة الساعات…</source>
        <translation>Void the hours certificate…</translation>
    </message>
    <message>
        <source>إلغاء شهادة الساعات المحددة (للمشرف)</source>
        <translation>Void the selected hours certificate (a supervisor)</translation>
    </message>
    <message>
        <source>شهادة ساعات تطوعية:</source>
        <translation>Volunteer hours certificate:</translation>
    </message>
    <message>
        <source>إصدار الشهادة</source>
        <translation>Issue the certificate</translation>
    </message>
    <message>
        <source>إصدار شهادة ساعات تطوعية للفترة المختارة</source>
        <translation>Issue a volunteer hours certificate for the chosen period</translation>
    </message>
    <message numerus="yes">
        <source>%n فعالية، %2 في المجموع</source>
        <translation>
            <numerusform>%n event, %2 in all</numerusform>
            <numerusform>%n events, %2 in all</numerusform>
        </translation>
    </message>
    <message>
        <source>، منذ %1</source>
        <translation>, since %1</translation>
    </message>
    <message>
        <source>رقم الهوية: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>لا تنبيهات.</source>
        <translation>No flags.</translation>
    </message>
    <message>
        <source>الشهادة %1: %2</source>
        <translation>Certificate %1: %2</translation>
    </message>
    <message>
        <source>إلغاء شهادة الساعات</source>
        <translation>Void the hours certificate</translation>
    </message>
    <message>
        <source>لماذا تُلغى الشهادة %1؟ ستظهر «ملغاة» لكل من يتحقق منها.</source>
        <translation>Why is certificate %1 voided? Whoever verifies it will see “voided”.</translation>
    </message>
    <message>
        <source>ألغِ الشهادة</source>
        <translation>Void it</translation>
    </message>
    <message>
        <source>حُفظ الملف: %1</source>
        <translation>File saved: %1</translation>
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
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message numerus="yes">
        <source>العمر %n سنة</source>
        <translation>
            <numerusform>age %n year</numerusform>
            <numerusform>age %n years</numerusform>
        </translation>
    </message>
    <message>
        <source>تسجيل حضوره هو</source>
        <translation>Check this person in</translation>
    </message>
    <message>
        <source>تسجيل حضورها هي</source>
        <translation>Check this person in</translation>
    </message>
    <message>
        <source>تسجيل حضور المسجَّل من قبل</source>
        <translation>Check this person in</translation>
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
<context>
    <name>WhoIsIn</name>
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
        <source>الموجودون الآن</source>
        <translation>In now</translation>
    </message>
    <message>
        <source>الموجودون الآن ({0})</source>
        <translation>In now ({0})</translation>
    </message>
</context>
</TS>
