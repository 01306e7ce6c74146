<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ar">
<context>
    <name>App</name>
    <message>
        <source>ميدان</source>
        <translation>FieldApp</translation>
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
        <extracomment>filled by the sync issue: text and tooltip of the sync state</extracomment>
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
    <message>
        <source>المزامنة: غير مفعّلة</source>
        <translation>Sync: not set up</translation>
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
        <source>الإعدادات</source>
        <translation>Settings</translation>
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
</TS>
