<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
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
        <source>المتوفر: {0} {1}</source>
        <translation>Available: {0} {1}</translation>
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
        <source>سُجّل تسليم {0} {1} من {2} إلى {3}</source>
        <translation>Recorded: {0} {1} of {2} to {3}</translation>
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
    <message>
        <source>{0} تسليمًا</source>
        <translation>{0} hand-overs</translation>
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
        <source>لماذا يُلغى تسليم {0} {1} إلى {2}؟ يُحفظ السبب مع اسمك وتعود الكمية إلى المخزون.</source>
        <translation>Why void the hand-over of {0} {1} to {2}? The reason is kept with your name and the quantity returns to stock.</translation>
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
    <name>RecipientPicker</name>
    <message>
        <source>شخص</source>
        <extracomment>emitted when the chosen recipient (or the body&apos;s label) changes emitted with (kind, id, name) when a result is chosen (team lists add it and clear)</extracomment>
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
        <translation>Type a name, national ID or mobile</translation>
    </message>
    <message>
        <source>اكتب اسم الجهة أو هاتفها</source>
        <translation>Type the body&apos;s name or phone</translation>
    </message>
</context>
<context>
    <name>StockEntryDialog</name>
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
        <source>كمية وصلت إلى المخزون (توريد أو تبرع).</source>
        <translation>A quantity that arrived in stock (delivery or donation).</translation>
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
        <source>{0}: المخزون الآن {1} {2}</source>
        <translation>{0}: stock is now {1} {2}</translation>
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
</TS>
