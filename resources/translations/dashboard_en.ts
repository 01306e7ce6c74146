<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
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
        <translation>Today's visits</translation>
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
        <translation>Today's visits and their status</translation>
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
        <source>%1: بقي %2 %3 (حد التنبيه %4)</source>
        <translation>%1: %2 %3 left (alert at %4)</translation>
    </message>
    <message>
        <source>المخزون كافٍ لكل الأنواع</source>
        <translation>Stock is sufficient for every type</translation>
    </message>
    <message>
        <source>لا زيارات اليوم</source>
        <translation>No visits today</translation>
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
</TS>