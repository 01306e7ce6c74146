<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="ar">
<context>
    <name>AgreementDialog</name>
    <message numerus="yes">
        <source>%n يوم قبل النهاية</source>
        <comment>spin box suffix</comment>
        <translation>
            <numerusform>%n يوم قبل النهاية</numerusform>
            <numerusform>%n يوم قبل النهاية</numerusform>
            <numerusform>%n يومان قبل النهاية</numerusform>
            <numerusform>%n أيام قبل النهاية</numerusform>
            <numerusform>%n يومًا قبل النهاية</numerusform>
            <numerusform>%n يوم قبل النهاية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CertificatesScreen</name>
    <message numerus="yes">
        <source>{0} — %n نسخة</source>
        <translation>
            <numerusform>{0}</numerusform>
            <numerusform>{0} — نسخة واحدة</numerusform>
            <numerusform>{0} — نسختان</numerusform>
            <numerusform>{0} — %n نسخ</numerusform>
            <numerusform>{0} — %n نسخةً</numerusform>
            <numerusform>{0} — %n نسخة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>طُبعت %n صفحة على {0}، وسُجّلت في سجل الطباعة.</source>
        <translation>
            <numerusform>لم تُطبع أي صفحة على {0}.</numerusform>
            <numerusform>طُبعت صفحة واحدة على {0}، وسُجّلت في سجل الطباعة.</numerusform>
            <numerusform>طُبعت صفحتان على {0}، وسُجّلتا في سجل الطباعة.</numerusform>
            <numerusform>طُبعت %n صفحات على {0}، وسُجّلت في سجل الطباعة.</numerusform>
            <numerusform>طُبعت %n صفحةً على {0}، وسُجّلت في سجل الطباعة.</numerusform>
            <numerusform>طُبعت %n صفحة على {0}، وسُجّلت في سجل الطباعة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message numerus="yes">
        <source>تنتهي اتفاقيتها بعد %n يوم</source>
        <translation>
            <numerusform>تنتهي اتفاقيتها اليوم</numerusform>
            <numerusform>تنتهي اتفاقيتها بعد يوم واحد</numerusform>
            <numerusform>تنتهي اتفاقيتها بعد يومين</numerusform>
            <numerusform>تنتهي اتفاقيتها بعد %n أيام</numerusform>
            <numerusform>تنتهي اتفاقيتها بعد %n يومًا</numerusform>
            <numerusform>تنتهي اتفاقيتها بعد %n يوم</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message numerus="yes">
        <source>%n دقيقة</source>
        <comment>spin box suffix</comment>
        <translation>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>%n دقيقتان</numerusform>
            <numerusform>%n دقائق</numerusform>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>%n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>إلى أقرب %n دقيقة أدنى</source>
        <translation>
            <numerusform>بلا تقريب</numerusform>
            <numerusform>إلى أقرب دقيقة أدنى</numerusform>
            <numerusform>إلى أقرب دقيقتين أدنى</numerusform>
            <numerusform>إلى أقرب %n دقائق أدنى</numerusform>
            <numerusform>إلى أقرب %n دقيقةً أدنى</numerusform>
            <numerusform>إلى أقرب %n دقيقة أدنى</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsScreen</name>
    <message numerus="yes">
        <source>تُقرَّب الساعات للأسفل إلى %n دقيقة</source>
        <translation>
            <numerusform>دون تقريب</numerusform>
            <numerusform>تُقرَّب الساعات للأسفل إلى دقيقة واحدة</numerusform>
            <numerusform>تُقرَّب الساعات للأسفل إلى دقيقتين</numerusform>
            <numerusform>تُقرَّب الساعات للأسفل إلى %n دقائق</numerusform>
            <numerusform>تُقرَّب الساعات للأسفل إلى %n دقيقةً</numerusform>
            <numerusform>تُقرَّب الساعات للأسفل إلى %n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>أقل مدة بين مسحين: %n دقيقة</source>
        <translation>
            <numerusform>أقل مدة بين مسحين: لا حد</numerusform>
            <numerusform>أقل مدة بين مسحين: دقيقة واحدة</numerusform>
            <numerusform>أقل مدة بين مسحين: دقيقتان</numerusform>
            <numerusform>أقل مدة بين مسحين: %n دقائق</numerusform>
            <numerusform>أقل مدة بين مسحين: %n دقيقةً</numerusform>
            <numerusform>أقل مدة بين مسحين: %n دقيقة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssueTab</name>
    <message numerus="yes">
        <source>%n ساعة</source>
        <comment>spin box suffix</comment>
        <extracomment>a batch finished: files, the certificate ids in them progress of the running batch (done, total), on the UI thread</extracomment>
        <translation>
            <numerusform>%n ساعة</numerusform>
            <numerusform>%n ساعة</numerusform>
            <numerusform>%n ساعتان</numerusform>
            <numerusform>%n ساعات</numerusform>
            <numerusform>%n ساعة</numerusform>
            <numerusform>%n ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>صدرت %n شهادة جديدة</source>
        <translation>
            <numerusform>لم تصدر شهادات جديدة</numerusform>
            <numerusform>صدرت شهادة جديدة واحدة</numerusform>
            <numerusform>صدرت شهادتان جديدتان</numerusform>
            <numerusform>صدرت %n شهادات جديدة</numerusform>
            <numerusform>صدرت %n شهادةً جديدة</numerusform>
            <numerusform>صدرت %n شهادة جديدة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>وأُنشئ %n ملف في {0}</source>
        <translation>
            <numerusform>ولم يُنشأ أي ملف في {0}</numerusform>
            <numerusform>وأُنشئ ملف واحد في {0}</numerusform>
            <numerusform>وأُنشئ ملفان في {0}</numerusform>
            <numerusform>وأُنشئت %n ملفات في {0}</numerusform>
            <numerusform>وأُنشئ %n ملفًا في {0}</numerusform>
            <numerusform>وأُنشئ %n ملف في {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssuedTab</name>
    <message numerus="yes">
        <source>سارية · طُبعت %n مرة</source>
        <translation>
            <numerusform>سارية · لم تُطبع</numerusform>
            <numerusform>سارية · طُبعت مرة واحدة</numerusform>
            <numerusform>سارية · طُبعت مرتين</numerusform>
            <numerusform>سارية · طُبعت %n مرات</numerusform>
            <numerusform>سارية · طُبعت %n مرةً</numerusform>
            <numerusform>سارية · طُبعت %n مرة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شهادة، منها {0} ملغاة</source>
        <translation>
            <numerusform>لا شهادات</numerusform>
            <numerusform>شهادة واحدة، منها {0} ملغاة</numerusform>
            <numerusform>شهادتان، منهما {0} ملغاة</numerusform>
            <numerusform>%n شهادات، منها {0} ملغاة</numerusform>
            <numerusform>%n شهادةً، منها {0} ملغاة</numerusform>
            <numerusform>%n شهادة، منها {0} ملغاة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message numerus="yes">
        <source>%n تسليم</source>
        <translation>
            <numerusform>لا تسليمات</numerusform>
            <numerusform>تسليم واحد</numerusform>
            <numerusform>تسليمان</numerusform>
            <numerusform>%n تسليمات</numerusform>
            <numerusform>%n تسليمًا</numerusform>
            <numerusform>%n تسليم</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnersScreen</name>
    <message numerus="yes">
        <source>%n جهة</source>
        <translation>
            <numerusform>لا جهات</numerusform>
            <numerusform>جهة واحدة</numerusform>
            <numerusform>جهتان</numerusform>
            <numerusform>%n جهات</numerusform>
            <numerusform>%n جهةً</numerusform>
            <numerusform>%n جهة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>تنتهي بعد %n يوم</source>
        <translation>
            <numerusform>تنتهي اليوم</numerusform>
            <numerusform>تنتهي بعد يوم واحد</numerusform>
            <numerusform>تنتهي بعد يومين</numerusform>
            <numerusform>تنتهي بعد %n أيام</numerusform>
            <numerusform>تنتهي بعد %n يومًا</numerusform>
            <numerusform>تنتهي بعد %n يوم</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ تنتهي بعد %n يوم: حان وقت التجديد.</source>
        <translation>
            <numerusform>⚠ تنتهي اليوم: حان وقت التجديد.</numerusform>
            <numerusform>⚠ تنتهي بعد يوم واحد: حان وقت التجديد.</numerusform>
            <numerusform>⚠ تنتهي بعد يومين: حان وقت التجديد.</numerusform>
            <numerusform>⚠ تنتهي بعد %n أيام: حان وقت التجديد.</numerusform>
            <numerusform>⚠ تنتهي بعد %n يومًا: حان وقت التجديد.</numerusform>
            <numerusform>⚠ تنتهي بعد %n يوم: حان وقت التجديد.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleScreen</name>
    <message numerus="yes">
        <source>%n نتيجة</source>
        <translation>
            <numerusform>لا نتائج</numerusform>
            <numerusform>نتيجة واحدة</numerusform>
            <numerusform>نتيجتان</numerusform>
            <numerusform>%n نتائج</numerusform>
            <numerusform>%n نتيجةً</numerusform>
            <numerusform>%n نتيجة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شخص في القائمة</source>
        <translation>
            <numerusform>لا أحد في القائمة</numerusform>
            <numerusform>شخص واحد في القائمة</numerusform>
            <numerusform>شخصان في القائمة</numerusform>
            <numerusform>%n أشخاص في القائمة</numerusform>
            <numerusform>%n شخصًا في القائمة</numerusform>
            <numerusform>%n شخص في القائمة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message numerus="yes">
        <source>%n شخص</source>
        <translation>
            <numerusform>لا أحد</numerusform>
            <numerusform>شخص واحد</numerusform>
            <numerusform>شخصان</numerusform>
            <numerusform>%n أشخاص</numerusform>
            <numerusform>%n شخصًا</numerusform>
            <numerusform>%n شخص</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message numerus="yes">
        <source>تمت المزامنة قبل %n دقيقة</source>
        <translation>
            <numerusform>تمت المزامنة الآن</numerusform>
            <numerusform>تمت المزامنة قبل دقيقة</numerusform>
            <numerusform>تمت المزامنة قبل دقيقتين</numerusform>
            <numerusform>تمت المزامنة قبل %n دقائق</numerusform>
            <numerusform>تمت المزامنة قبل %n دقيقةً</numerusform>
            <numerusform>تمت المزامنة قبل %n دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>تمت المزامنة قبل %n ساعة</source>
        <translation>
            <numerusform>تمت المزامنة الآن</numerusform>
            <numerusform>تمت المزامنة قبل ساعة</numerusform>
            <numerusform>تمت المزامنة قبل ساعتين</numerusform>
            <numerusform>تمت المزامنة قبل %n ساعات</numerusform>
            <numerusform>تمت المزامنة قبل %n ساعةً</numerusform>
            <numerusform>تمت المزامنة قبل %n ساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ساعة هذا الحاسوب مختلفة بـ%n دقيقة — صحّح الساعة</source>
        <translation>
            <numerusform>ساعة هذا الحاسوب مضبوطة</numerusform>
            <numerusform>ساعة هذا الحاسوب مختلفة بدقيقة — صحّح الساعة</numerusform>
            <numerusform>ساعة هذا الحاسوب مختلفة بدقيقتين — صحّح الساعة</numerusform>
            <numerusform>ساعة هذا الحاسوب مختلفة بـ%n دقائق — صحّح الساعة</numerusform>
            <numerusform>ساعة هذا الحاسوب مختلفة بـ%n دقيقةً — صحّح الساعة</numerusform>
            <numerusform>ساعة هذا الحاسوب مختلفة بـ%n دقيقة — صحّح الساعة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n بانتظار الإرسال</source>
        <translation>
            <numerusform>لا شيء بانتظار الإرسال</numerusform>
            <numerusform>تغيير واحد بانتظار الإرسال</numerusform>
            <numerusform>تغييران بانتظار الإرسال</numerusform>
            <numerusform>%n تغييرات بانتظار الإرسال</numerusform>
            <numerusform>%n تغييرًا بانتظار الإرسال</numerusform>
            <numerusform>%n تغيير بانتظار الإرسال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شخص</source>
        <translation>
            <numerusform>لا أحد</numerusform>
            <numerusform>شخص واحد</numerusform>
            <numerusform>شخصان</numerusform>
            <numerusform>%n أشخاص</numerusform>
            <numerusform>%n شخصًا</numerusform>
            <numerusform>%n شخص</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n مسح</source>
        <translation>
            <numerusform>لا مسوحات</numerusform>
            <numerusform>مسح واحد</numerusform>
            <numerusform>مسحان</numerusform>
            <numerusform>%n مسوحات</numerusform>
            <numerusform>%n مسحًا</numerusform>
            <numerusform>%n مسح</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تسجيل</source>
        <translation>
            <numerusform>لا تسجيلات</numerusform>
            <numerusform>تسجيل واحد</numerusform>
            <numerusform>تسجيلان</numerusform>
            <numerusform>%n تسجيلات</numerusform>
            <numerusform>%n تسجيلًا</numerusform>
            <numerusform>%n تسجيل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n فعالية</source>
        <translation>
            <numerusform>لا فعاليات</numerusform>
            <numerusform>فعالية واحدة</numerusform>
            <numerusform>فعاليتان</numerusform>
            <numerusform>%n فعاليات</numerusform>
            <numerusform>%n فعاليةً</numerusform>
            <numerusform>%n فعالية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تسليم للهدايا</source>
        <translation>
            <numerusform>لا تسليمات للهدايا</numerusform>
            <numerusform>تسليم واحد للهدايا</numerusform>
            <numerusform>تسليمان للهدايا</numerusform>
            <numerusform>%n تسليمات للهدايا</numerusform>
            <numerusform>%n تسليمًا للهدايا</numerusform>
            <numerusform>%n تسليم للهدايا</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n شهادة</source>
        <translation>
            <numerusform>لا شهادات</numerusform>
            <numerusform>شهادة واحدة</numerusform>
            <numerusform>شهادتان</numerusform>
            <numerusform>%n شهادات</numerusform>
            <numerusform>%n شهادةً</numerusform>
            <numerusform>%n شهادة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n زيارة</source>
        <translation>
            <numerusform>لا زيارات</numerusform>
            <numerusform>زيارة واحدة</numerusform>
            <numerusform>زيارتان</numerusform>
            <numerusform>%n زيارات</numerusform>
            <numerusform>%n زيارةً</numerusform>
            <numerusform>%n زيارة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n تغيير آخر</source>
        <translation>
            <numerusform>لا تغييرات أخرى</numerusform>
            <numerusform>تغيير آخر واحد</numerusform>
            <numerusform>تغييران آخران</numerusform>
            <numerusform>%n تغييرات أخرى</numerusform>
            <numerusform>%n تغييرًا آخر</numerusform>
            <numerusform>%n تغيير آخر</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitsScreen</name>
    <message numerus="yes">
        <source>%n زيارة</source>
        <translation>
            <numerusform>لا زيارات</numerusform>
            <numerusform>زيارة واحدة</numerusform>
            <numerusform>زيارتان</numerusform>
            <numerusform>%n زيارات</numerusform>
            <numerusform>%n زيارةً</numerusform>
            <numerusform>%n زيارة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VolunteerRecordDialog</name>
    <message numerus="yes">
        <source>%n فعالية، %2 في المجموع</source>
        <translation>
            <numerusform>لا فعاليات، %2 في المجموع</numerusform>
            <numerusform>فعالية واحدة، %2 في المجموع</numerusform>
            <numerusform>فعاليتان، %2 في المجموع</numerusform>
            <numerusform>%n فعاليات، %2 في المجموع</numerusform>
            <numerusform>%n فعاليةً، %2 في المجموع</numerusform>
            <numerusform>%n فعالية، %2 في المجموع</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message numerus="yes">
        <source>العمر %n سنة</source>
        <translation>
            <numerusform>العمر أقل من سنة</numerusform>
            <numerusform>العمر سنة واحدة</numerusform>
            <numerusform>العمر سنتان</numerusform>
            <numerusform>العمر %n سنوات</numerusform>
            <numerusform>العمر %n سنةً</numerusform>
            <numerusform>العمر %n سنة</numerusform>
        </translation>
    </message>
</context>
</TS>
