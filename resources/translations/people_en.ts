<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
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
        <source>%1 نتيجة</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <source>%1 شخصًا في القائمة</source>
        <translation>%1 people on the roster</translation>
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
</TS>