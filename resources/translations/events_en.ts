<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
<context>
    <name>EventDialog</name>
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
    <message>
        <source>إلى أقرب %1 دقيقة أدنى</source>
        <translation>Down to %1 minutes</translation>
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
        <source> دقيقة</source>
        <translation> min</translation>
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
        <translation>Closed automatically at the event's end</translation>
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
        <translation>Export the event's gift log to Excel</translation>
    </message>
    <message>
        <source>تصدير سجل هدايا الفعالية إلى PDF</source>
        <translation>Export the event's gift log to PDF</translation>
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
    <message>
        <source>تُقرَّب الساعات للأسفل إلى %1 دقيقة</source>
        <translation>hours rounded down to %1 min</translation>
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
        <source>أقل مدة بين مسحين: %1 دقيقة</source>
        <translation>Minimum %1 min between scans</translation>
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
        <source>حُفظ الملف: %1</source>
        <translation>File saved: %1</translation>
    </message>
</context>
</TS>