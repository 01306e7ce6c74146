"""The words of the demo organisation: real-looking Saudi names, bodies and gifts of Taif.

Kept apart from demo.py (which assembles them through the services) so the lists are easy to
read and extend; the demo's emblem and signature are drawn here too. Nothing here is a placeholder: a coordinator should recognise every line.
"""

from __future__ import annotations

import math
from pathlib import Path

MALE_FIRST = (
    "محمد",
    "عبدالله",
    "عبدالرحمن",
    "فهد",
    "خالد",
    "سعود",
    "فيصل",
    "تركي",
    "سلطان",
    "نايف",
    "بندر",
    "ماجد",
    "عبدالعزيز",
    "سعد",
    "ناصر",
    "ياسر",
    "عمر",
    "علي",
    "أحمد",
    "يوسف",
    "إبراهيم",
    "مشعل",
    "راكان",
    "زياد",
    "ريان",
    "حمد",
    "مازن",
    "هشام",
    "وليد",
    "طلال",
    "عبدالإله",
    "أنس",
    "مهند",
    "صالح",
    "حسن",
    "بدر",
    "نواف",
    "عادل",
    "منصور",
    "عبد الله",
)
FEMALE_FIRST = (
    "نورة",
    "سارة",
    "ريم",
    "هيفاء",
    "أمل",
    "لمى",
    "شهد",
    "جود",
    "رهف",
    "ريناد",
    "لجين",
    "غادة",
    "منيرة",
    "العنود",
    "الجوهرة",
    "أسماء",
    "عبير",
    "مها",
    "دانة",
    "رغد",
    "هند",
    "فاطمة",
    "خلود",
    "بشاير",
    "وعد",
    "أروى",
    "ليان",
    "جواهر",
    "إلهام",
    "مشاعل",
    "حصة",
    "نوف",
    "ديما",
    "تالا",
    "رزان",
)
FATHERS = (
    "محمد",
    "عبدالله",
    "سعد",
    "فهد",
    "عبدالرحمن",
    "خميس",
    "ناصر",
    "سالم",
    "مبارك",
    "عايض",
    "مسفر",
    "حامد",
    "عوض",
    "صالح",
    "علي",
    "إبراهيم",
    "سعيد",
    "ماطر",
    "مستور",
    "عطية",
    "حمود",
    "ضيف الله",
    "عبدالعزيز",
    "منصور",
    "غازي",
    "هلال",
    "مرزوق",
    "عبيد",
)
FAMILIES = (
    "العتيبي",
    "القحطاني",
    "الغامدي",
    "الزهراني",
    "الشهري",
    "الحارثي",
    "المالكي",
    "الثبيتي",
    "الطلحي",
    "السبيعي",
    "الشمري",
    "الدوسري",
    "العنزي",
    "المطيري",
    "الحربي",
    "الجهني",
    "البقمي",
    "السواط",
    "النفيعي",
    "العصيمي",
    "الزايدي",
    "الثقفي",
    "القرشي",
    "الأحمدي",
    "العمري",
    "الأسمري",
    "الرشيدي",
    "الخالدي",
    "البيشي",
    "الجعيد",
    "المحمادي",
    "الشلوي",
    "القرني",
    "العسيري",
    "البلادي",
    "الصاعدي",
    "اللحياني",
    "الحمياني",
    "الهذلي",
    "الشريف",
)
# Latin spellings for some first and family names (people often register both).
LATIN = {
    "محمد": "Mohammed",
    "عبدالله": "Abdullah",
    "فهد": "Fahad",
    "خالد": "Khalid",
    "سعود": "Saud",
    "نورة": "Noura",
    "سارة": "Sarah",
    "ريم": "Reem",
    "لمى": "Lama",
    "فيصل": "Faisal",
    "العتيبي": "Alotaibi",
    "القحطاني": "Alqahtani",
    "الغامدي": "Alghamdi",
    "الزهراني": "Alzahrani",
    "الشهري": "Alshehri",
    "الحارثي": "Alharthi",
    "المالكي": "Almalki",
    "الثبيتي": "Althubaiti",
}
# Residents (iqama holders) who volunteer too.
RESIDENTS = (
    ("محمد إقبال حسين", "Muhammad Iqbal Hussain", "m"),
    ("گلپری ژاله کریمی", "Golpari Zhaleh Karimi", "f"),
    ("أحمد عبدالفتاح المصري", "Ahmed Abdelfattah", "m"),
    ("مُحَمَّد عَلِيّ الفاتح", None, "m"),
    ("فاطمة الزهراء بن يوسف", "Fatima Zahra Benyoussef", "f"),
)

ORGANISATION = {
    "name": "أمانة محافظة الطائف",
    "name_en": "Taif Municipality",
    "short_code": "TAIF",
    "city": "الطائف",
}

# (type, name, English name, contact, contact phone)
BODIES = (
    ("security", "سجن الطائف العام", "Taif General Prison", "العقيد سعد بن مسفر الثبيتي", "0127361100"),
    (
        "health",
        "مركز غسيل الكلى بمستشفى الملك فيصل بالطائف",
        "Dialysis Centre, King Faisal Hospital",
        "د. هند عبدالله المالكي",
        "0501432876",
    ),
    ("security", "شرطة محافظة الطائف", "Taif Police", "العميد ناصر عايض العتيبي", "0127330999"),
    (
        "security",
        "إدارة الدفاع المدني بمحافظة الطائف",
        "Civil Defence, Taif",
        "المقدم فهد حمود القرشي",
        "0127452211",
    ),
    (
        "education",
        "إدارة التعليم بمحافظة الطائف",
        "Taif Education Office",
        "أ. منيرة سالم الحارثي",
        "0555218734",
    ),
    (
        "charity",
        "جمعية البر الخيرية بالطائف",
        "Al-Birr Charity, Taif",
        "أ. عبدالرحمن سعيد الزهراني",
        "0533904512",
    ),
    (
        "government",
        "فرع وزارة الموارد البشرية والتنمية الاجتماعية بالطائف",
        "HRSD Branch, Taif",
        "أ. خالد مرزوق الجعيد",
        "0127366000",
    ),
    (
        "health",
        "مستشفى الملك عبدالعزيز التخصصي",
        "King Abdulaziz Specialist Hospital",
        "د. ماجد غازي الشهري",
        "0127442222",
    ),
    (
        "private",
        "الغرفة التجارية الصناعية بالطائف",
        "Taif Chamber of Commerce",
        "م. طلال هلال البقمي",
        "0127388300",
    ),
    (
        "charity",
        "جمعية مرضى الفشل الكلوي «كلانا» فرع الطائف",
        "Kellana Kidney Patients Society",
        "أ. ريم عوض الغامدي",
        "0546170038",
    ),
    (
        "government",
        "دار الرعاية الاجتماعية للمسنين بالطائف",
        "Elderly Care Home, Taif",
        "أ. سلطان عبيد السواط",
        "0127477010",
    ),
)

# The partners the organisation signed with: (type, name, name in English, contact, phone).
PARTNERS = (
    ("health", "التجمع الصحي بالطائف", "Taif Health Cluster", "د. عبدالله سعيد الغامدي", "0127460000"),
    ("education", "الكلية التقنية بالطائف", "Taif Technical College", "م. بندر عايض الحارثي", "0127254411"),
    (
        "charity",
        "جمعية الأشخاص ذوي الإعاقة بالطائف",
        "Taif Society for Persons with Disabilities",
        "أ. هيفاء محمد العصيمي",
        "0558102233",
    ),
    (
        "other",
        "مركز حي الشهداء الاجتماعي",
        "Al-Shuhada Neighbourhood Centre",
        "أ. فيصل ناصر الطويرقي",
        "0501122334",
    ),
    (
        "education",
        "جامعة الطائف — عمادة خدمة المجتمع",
        "Taif University",
        "د. سارة حامد الثبيتي",
        "0127272020",
    ),
    (
        "health",
        "هيئة الهلال الأحمر السعودي بالطائف",
        "Saudi Red Crescent, Taif",
        "أ. مشعل فهد السفياني",
        "0127363333",
    ),
)
# (partner index, title, start and end as days from today, status, partner's signatory,
#  what we committed to, what the partner committed to, renewal reminder in days)
PARTNER_AGREEMENTS = (
    (
        0,
        "مذكرة تعاون لتنفيذ مبادرات تطوعية صحية مشتركة",
        -347,
        18,
        "active",
        "د. عبدالله سعيد الغامدي، الرئيس التنفيذي للتجمع",
        "توفير المتطوعين المدربين وتنظيم الحملات في الأحياء",
        "الكوادر الصحية والمواد التوعوية ومواقع الفحص",
        30,
    ),
    (
        1,
        "اتفاقية شراكة للتدريب التعاوني وفرص التطوع لطلاب الكلية",
        -200,
        165,
        "active",
        "م. عادل منصور الزهراني، عميد الكلية",
        "فرص تطوع موثقة بشهادات ساعات للطلاب",
        "تدريب المتطوعين على السلامة والإسعافات الأولية",
        45,
    ),
    (
        2,
        "اتفاقية برامج التوعية المشتركة والوصول الشامل في الفعاليات",
        -380,
        26,
        "active",
        "أ. هيفاء محمد العصيمي، المديرة التنفيذية",
        "تهيئة مواقع الفعاليات لذوي الإعاقة ومسارات خاصة",
        "مترجمو لغة الإشارة ومتطوعون من منسوبي الجمعية",
        30,
    ),
    (
        3,
        "مذكرة تفاهم لتفعيل العمل التطوعي في حي الشهداء",
        -420,
        240,
        "active",
        "أ. فيصل ناصر الطويرقي، مدير المركز",
        "دعم مبادرات الحي بالمعدات والهدايا",
        "استضافة الفعاليات وحشد متطوعي الحي",
        60,
    ),
    (4, "اتفاقية احتساب الساعات التطوعية للطلاب", 10, 375, "draft", "", "", "", 30),
    (
        5,
        "اتفاقية التغطية الإسعافية للفعاليات الكبرى",
        -730,
        -20,
        "active",
        "أ. مشعل فهد السفياني",
        "إشعار الهيئة بمواعيد الفعاليات قبل أسبوعين",
        "فرق إسعافية في الفعاليات التي يتجاوز حضورها 500",
        30,
    ),
)
# A year and more of monthly initiatives (a volunteer's history): (title, partner index or None).
HISTORY_EVENTS = (
    ("حملة «صحتك تهمنا» للفحص المبكر", 0),
    ("تشجير حي الوشحاء", 3),
    ("اليوم العالمي للأشخاص ذوي الإعاقة", 2),
    ("حملة «الشتاء الدافئ» — المرحلة الأولى", None),
    ("يوم التبرع بالدم", 0),
    ("تنظيف متنزه الردف", None),
    ("إفطار صائم في الحي", 3),
    ("مهرجان الورد الطائفي — الإرشاد والاستقبال", None),
    ("دورة الإسعافات الأولية للمتطوعين", 1),
    ("يوم الصحة النفسية", 0),
    ("سباق «امشِ» للتوعية بالسكري", 0),
    ("معرض الفرص التطوعية بالكلية", 1),
    ("حملة «الشتاء الدافئ» — المرحلة الثانية", None),
    ("مبادرة «حيّنا أجمل»", 3),
)

# (name, unit, limit per recipient per event, low-stock mark, received)
GIFT_TYPES = (
    ("درع تذكاري", "درع", 1, 5, 40),
    ("باقة ورد طائفي", "باقة", 1, 20, 150),
    ("سلة غذائية", "سلة", 1, 15, 80),
    ("حقيبة المتطوع", "حقيبة", 1, 30, 320),
    ("علم المملكة", "علم", None, 50, 500),
    ("كرتون تمر سكري", "كرتون", 2, 10, 28),
    ("شهادة شكر مؤطرة", "إطار", 1, 5, 25),
)

NATIONAL_DAY = {
    "title": "احتفال اليوم الوطني السعودي بمحافظة الطائف",
    "place": "منتزه الردف — الطائف",
    "opportunities": (
        ("تنظيم الحشود عند البوابات", 60),
        ("الإرشاد والاستقبال", 40),
        ("الإسعافات الأولية (بالتعاون مع الهلال الأحمر)", 20),
        ("توزيع الأعلام والهدايا", 30),
    ),
}
TODAY_EVENT = {
    "title": "ملتقى التطوع البلدي — حملة «طائفنا أجمل»",
    "place": "حديقة الملك فيصل — حي شهار",
}
UPCOMING_EVENT = {
    "title": "حملة «الشتاء الدافئ» لتوزيع الملابس والبطانيات",
    "place": "مستودعات جمعية البر الخيرية — حي قروى",
}


def draw_branding(folder: Path) -> tuple[Path, Path]:
    """A demo emblem (a Taif rose in a gold ring) and a pen signature, drawn here: no placeholder files."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    green, gold, rose = (14, 92, 70, 255), (183, 146, 70, 255), (196, 52, 92, 255)
    size = 480
    logo = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(logo)
    d.ellipse((8, 8, size - 8, size - 8), fill=green)
    d.ellipse((34, 34, size - 34, size - 34), outline=gold, width=14)
    c = size // 2
    for i in range(8):  # petals around the centre
        angle = math.tau * i / 8
        x, y = c + 70 * math.cos(angle), c - 20 + 70 * math.sin(angle)
        d.ellipse((x - 58, y - 58, x + 58, y + 58), fill=rose, outline=(255, 255, 255, 255), width=4)
    d.ellipse((c - 46, c - 66, c + 46, c + 26), fill=(236, 120, 150, 255))
    d.line((c, c + 40, c, c + 170), fill=gold, width=16)  # stem
    d.ellipse((c - 90, c + 80, c - 10, c + 120), fill=gold)
    d.ellipse((c + 10, c + 110, c + 90, c + 150), fill=gold)
    logo_path = folder / "logo-demo.png"
    logo.save(logo_path)

    signature = Image.new("RGBA", (600, 170), (0, 0, 0, 0))
    d = ImageDraw.Draw(signature)
    points = [
        (30 + t * 5.4, 95 - 38 * math.sin(t / 7.5) * math.exp(-t / 140) - (t % 23) * 0.6) for t in range(100)
    ]
    d.line(points, fill=(22, 40, 92, 255), width=5, joint="curve")
    d.line([(150, 128), (470, 112)], fill=(22, 40, 92, 255), width=4)
    signature_path = folder / "signature-demo.png"
    signature.save(signature_path)
    return logo_path, signature_path
