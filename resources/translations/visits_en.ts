<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
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
    <message>
        <source>{0} زيارة</source>
        <translation>{0} visits</translation>
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
</TS>
