<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="ar">
<context>
    <name>Certificates</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="460" />
        <source>شهادة حضور</source>
        <translation>Attendance certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="461" />
        <source>شهادة شكر وتقدير</source>
        <translation>Appreciation certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="464" />
        <source>عربية</source>
        <translation>Arabic</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="465" />
        <source>إنجليزية</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>CertificatesScreen</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="108" />
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="319" />
        <source>الشهادات</source>
        <extracomment>a print finished: (pages printed, printer label) a print could not be done: the message shown</extracomment>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="194" />
        <source>لا توجد طابعة افتراضية على هذا الجهاز، فلم يُطبع شيء. عرّف طابعة في إعدادات النظام، أو استخدم «طباعة…» واختر الطباعة إلى ملف PDF.</source>
        <translation>This computer has no default printer, so nothing was printed. Set up a printer in the system settings, or use "Print…" and print to a PDF file.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="204" />
        <source>طباعة الشهادات</source>
        <translation>Print certificates</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="247" />
        <source>طباعة الصفحة {0} من {1}…</source>
        <translation>Printing page {0} of {1}…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="257" />
        <source>طُبعت {0} صفحة على {1}، وسُجّلت في سجل الطباعة.</source>
        <translation>{0} pages printed on {1} and recorded in the print log.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="269" />
        <source>تعذّرت الطباعة: {0}</source>
        <translation>Printing failed: {0}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="320" />
        <source>الفعالية:</source>
        <translation>Event:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="321" />
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="322" />
        <source>الإصدار</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="323" />
        <source>المعاينة والطباعة</source>
        <translation>Preview and print</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="324" />
        <source>الشهادات الصادرة</source>
        <translation>Issued certificates</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="325" />
        <source>سجل الطباعة</source>
        <translation>Print log</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/screen.py" line="326" />
        <source>التحقق</source>
        <translation>Verify</translation>
    </message>
</context>
<context>
    <name>IssueTab</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="179" />
        <source>الاسم</source>
        <extracomment>a batch finished: files, the certificate ids in them progress of the running batch (done, total), on the UI thread</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="181" />
        <source>رقم الهوية</source>
        <translation>National ID</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="186" />
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="191" />
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="273" />
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="443" />
        <source>مجلد حفظ الشهادات</source>
        <translation>Folder for the certificates</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="309" />
        <source>صدرت: {0}</source>
        <translation>Issued: {0}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="311" />
        <source>مؤهل</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="332" />
        <source>اختر فعالية لعرض المؤهلين للشهادات.</source>
        <translation>Choose an event to see who is eligible for a certificate.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="335" />
        <source>مؤهلون: {0} · صدرت لهم شهادات: {1} · غير مؤهلين: {2} · المحدَّدون: {3}</source>
        <translation>Eligible: {0} · Already issued: {1} · Not eligible: {2} · Ticked: {3}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="356" />
        <source>%v من %m</source>
        <translation>%v of %m</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="400" />
        <source>أُلغيت الطباعة؛ لم يُكتب أي ملف. الشهادات التي صدرت تبقى بأرقامها وتُطبع لاحقًا.</source>
        <translation>Printing cancelled; no file was written. The certificates already issued keep their numbers and can be printed later.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="407" />
        <source>صدرت {0} شهادة جديدة، وأُنشئ {1} ملف في {2}</source>
        <translation>{0} new certificates issued; {1} files created in {2}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="433" />
        <source>تجاوز الحد الأدنى للساعات:</source>
        <translation>Override the minimum hours:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="434" />
        <source> ساعة</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="435" />
        <source>الحد الأدنى للساعات</source>
        <translation>Minimum hours</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="436" />
        <source>بدونه يُطبَّق الحد الأدنى المحدد في الفعالية</source>
        <translation>Without it the event's own minimum applies</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="437" />
        <source>القالب:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="438" />
        <source>قالب الشهادة</source>
        <translation>Certificate template</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="439" />
        <source>الملفات:</source>
        <translation>Files:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="440" />
        <source>ملف واحد للجميع</source>
        <translation>One file for all</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="441" />
        <source>ملف لكل شخص</source>
        <translation>One file per person</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="442" />
        <source>المجلد:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="444" />
        <source>اختيار…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="445" />
        <source>اختيار مجلد حفظ الشهادات</source>
        <translation>Choose the folder for the certificates</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="446" />
        <source>تحديد كل المؤهلين</source>
        <translation>Tick everyone eligible</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="447" />
        <source>إلغاء التحديد</source>
        <translation>Untick all</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="448" />
        <source>إلغاء</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="449" />
        <source>إصدار الشهادات وإنشاء الملفات</source>
        <translation>Issue certificates and create the files</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/issue.py" line="450" />
        <source>المؤهلون للشهادات</source>
        <translation>Eligible for certificates</translation>
    </message>
</context>
<context>
    <name>IssuedTab</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="75" />
        <source>رقم الشهادة</source>
        <extracomment>the coordinator asked to reprint these certificate ids (with_dialog)</extracomment>
        <translation>Certificate No.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="76" />
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="78" />
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="82" />
        <source>صدرت في</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="83" />
        <source>بواسطة</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="85" />
        <source>الحالة</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="119" />
        <source>ملغاة: {0}</source>
        <translation>Voided: {0}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="121" />
        <source>سارية · طُبعت {0} مرة</source>
        <translation>Valid · printed {0} times</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="122" />
        <source>سارية</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="139" />
        <source>{0} شهادة، منها {1} ملغاة</source>
        <translation>{0} certificates, {1} of them voided</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="155" />
        <source>إلغاء الشهادة للمشرف فقط؛ اطلب من المشرف إلغاءها.</source>
        <translation>Only a supervisor can void a certificate; ask your supervisor.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="173" />
        <source>إلغاء شهادة</source>
        <translation>Void a certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="174" />
        <source>إلغاء الشهادة {0} لـ{1}. اكتب السبب (مثل: اسم خاطئ):</source>
        <translation>Void certificate {0} of {1}. Type the reason (for example: wrong name):</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="177" />
        <source>إلغاء الشهادة</source>
        <translation>Void certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="193" />
        <source>أُلغيت الشهادة {0}.</source>
        <translation>Certificate {0} was voided.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="207" />
        <source>إلغاء الشهادة…</source>
        <translation>Void certificate…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="208" />
        <source>إعادة طباعة…</source>
        <translation>Reprint…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="209" />
        <source>إعادة طباعة على الطابعة الافتراضية</source>
        <translation>Reprint on the default printer</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="210" />
        <source>الشهادات الصادرة</source>
        <translation>Issued certificates</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="169" />
        <source>صفحة {0} من {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="175" />
        <source>السابقة</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="176" />
        <source>التالية</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="177" />
        <source>ملء الإطار</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="178" />
        <source>فتح المجلد</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="179" />
        <source>طباعة…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="180" />
        <source>طباعة على الطابعة الافتراضية</source>
        <translation>Print on the default printer</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="182" />
        <source>لا توجد شهادات للمعاينة بعد. أصدر الشهادات من تبويب «الإصدار» أو أعد طباعة شهادة صادرة.</source>
        <translation>No certificates to preview yet. Issue them in the "Issue" tab or reprint an issued certificate.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="184" />
        <source>الملف المعروض</source>
        <translation>File shown</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="185" />
        <source>الصفحة السابقة</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="186" />
        <source>الصفحة التالية</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="187" />
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="189" />
        <source>تكبير</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="188" />
        <location filename="../../src/fieldapp/gui/certificates/preview.py" line="190" />
        <source>تصغير</source>
        <translation>Zoom out</translation>
    </message>
</context>
<context>
    <name>PrintLogTab</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="228" />
        <source>رقم الشهادة</source>
        <translation>Certificate No.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="229" />
        <source>الاسم</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="230" />
        <source>الوقت</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="231" />
        <source>بواسطة</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="232" />
        <source>النوع</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="233" />
        <source>الطابعة</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="243" />
        <source>طباعة</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="244" />
        <source>إعادة طباعة</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="245" />
        <source>ملف PDF</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="259" />
        <source>{0} عملية طباعة، الأحدث أولًا</source>
        <translation>{0} prints, newest first</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/lists.py" line="262" />
        <source>سجل الطباعة</source>
        <translation>Print log</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="312" />
        <source>تعديل القوالب لمدير النظام فقط.</source>
        <extracomment>the live preview shows the current edits (after each successful re-render) the current edits cannot be rendered: the service's message</extracomment>
        <translation>Only an administrator can edit templates.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="338" />
        <source>حُفظ القالب. الشهادات التالية تُطبع بهذا النص.</source>
        <translation>Template saved. The next certificates print with this text.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="343" />
        <source>أُعيد النص الأصلي للقالب.</source>
        <translation>The template is back to its original text.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="361" />
        <source>القالب:</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="362" />
        <source>العنوان:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="363" />
        <source>نص الشهادة:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="364" />
        <source>اسم الموقّع:</source>
        <translation>Signatory name:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="365" />
        <source>صفة الموقّع:</source>
        <translation>Signatory title:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="366" />
        <source>حجم الورق:</source>
        <translation>Paper size:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="370" />
        <source>قالب الشهادة</source>
        <translation>Certificate template</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="371" />
        <source>عنوان الشهادة</source>
        <translation>Certificate title</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="372" />
        <source>نص الشهادة</source>
        <translation>Certificate text</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="373" />
        <source>اسم الموقّع</source>
        <translation>Signatory name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="374" />
        <source>صفة الموقّع</source>
        <translation>Signatory title</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="375" />
        <source>حجم الورق</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="376" />
        <source>يُترك فارغًا لاستخدام اسم الموقّع العام</source>
        <translation>Leave empty to use the organisation's signatory</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="378" />
        <source>اسم المتطوع</source>
        <translation>Volunteer name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="379" />
        <source>الفعالية</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="380" />
        <source>الجهة</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="381" />
        <source>الساعات</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="382" />
        <source>التاريخ الهجري</source>
        <translation>Hijri date</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="383" />
        <source>التاريخ الميلادي</source>
        <translation>Gregorian date</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="384" />
        <source>المكان</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="389" />
        <source>إدراج {0} في موضع المؤشر</source>
        <translation>Insert {0} at the cursor</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="390" />
        <source>إدراج {0}</source>
        <translation>Insert {0}</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="391" />
        <source>الحقول المتاحة (انقر لإدراجها في النص):</source>
        <translation>Available fields (click to insert into the text):</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="392" />
        <source>معاينة مباشرة (بيانات تجريبية، رمز QR غير صالح للتحقق)</source>
        <translation>Live preview (sample data; the QR code will not verify)</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="393" />
        <source>استعادة النص الأصلي</source>
        <translation>Restore the original text</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/template_editor.py" line="394" />
        <source>حفظ القالب</source>
        <translation>Save template</translation>
    </message>
</context>
<context>
    <name>VerifyTab</name>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="79" />
        <source>اختر صورة الشهادة أو ملفها</source>
        <extracomment>verdict -&gt; banner colour: genuine green, tampered/voided red, unknown key amber</extracomment>
        <translation>Choose the certificate image or file</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="80" />
        <source>شهادات (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Certificates (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="92" />
        <source>الصق نص رمز QR أو اختر ملف الشهادة.</source>
        <translation>Paste the QR text or choose the certificate file.</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="95" />
        <source>جارٍ التحقق…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="107" />
        <source>✔ شهادة صحيحة</source>
        <translation>✔ Genuine certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="108" />
        <source>✘ شهادة مزوّرة أو معدّلة</source>
        <translation>✘ Forged or altered certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="109" />
        <source>✘ شهادة ملغاة</source>
        <translation>✘ Voided certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="110" />
        <source>؟ لا يمكن التحقق: مفتاح غير معروف</source>
        <translation>? Cannot verify: unknown key</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="111" />
        <source>؟ ليس رمز شهادة من ميدان</source>
        <translation>? Not a FieldApp certificate code</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="126" />
        <source>تعذّر قراءة الرمز</source>
        <translation>Could not read the code</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="129" />
        <source>رمز QR أو ملف:</source>
        <translation>QR code or file:</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="130" />
        <source>الاسم المكتوب (اختياري):</source>
        <translation>Printed name (optional):</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="131" />
        <source>الصق النص المقروء من رمز QR (يبدأ بـ FA1.) أو مسار ملف</source>
        <translation>Paste the text read from the QR code (starts with FA1.) or a file path</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="132" />
        <source>نص رمز QR أو مسار ملف الشهادة</source>
        <translation>QR text or certificate file path</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="133" />
        <source>اختيار ملف…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="134" />
        <source>اختيار صورة أو ملف PDF للشهادة</source>
        <translation>Choose an image or PDF of the certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="135" />
        <source>للتأكد من أن الشهادة صدرت لهذا الاسم</source>
        <translation>To check the certificate was issued to this name</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="136" />
        <source>الاسم المكتوب على الشهادة</source>
        <translation>The name printed on the certificate</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="137" />
        <source>تحقق</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../src/fieldapp/gui/certificates/verify.py" line="141" />
        <source>النتيجة تظهر هنا</source>
        <translation>The result appears here</translation>
    </message>
</context>
</TS>