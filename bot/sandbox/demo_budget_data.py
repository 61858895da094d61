"""The demo Bürgerhaushalt's texts: a city-wide budget and eight projects in de/tr/en/ar."""

from __future__ import annotations

BUDGET = 1_000_000  # euros: the eight projects together cost more, so choices matter
TITLE = {
    "de": "Bürgerhaushalt Duisburg 2027",
    "tr": "Duisburg Katılımcı Bütçe 2027",
    "en": "Participatory budget Duisburg 2027",
    "ar": "الميزانية التشاركية دويسبورغ 2027",
}
# code, cost, {language: (title, description)}
PROJECTS: tuple[tuple[str, int, dict[str, tuple[str, str]]], ...] = (
    (
        "D-01",
        180_000,
        {
            "de": (
                "Trinkbrunnen in der Innenstadt",
                "Sechs Trinkbrunnen zwischen Hauptbahnhof und Rathaus.",
            ),
            "tr": (
                "Şehir merkezinde içme çeşmeleri",
                "Ana istasyon ile belediye binası arasında altı içme çeşmesi.",
            ),
            "en": (
                "Drinking fountains in the city centre",
                "Six drinking fountains between the main station and the town hall.",
            ),
            "ar": (
                "نوافير مياه للشرب في وسط المدينة",
                "ست نوافير شرب بين المحطة الرئيسية ومبنى البلدية.",
            ),
        },
    ),
    (
        "D-02",
        250_000,
        {
            "de": (
                "Sichere Radwege in Hochfeld",
                "Geschützte Radstreifen auf der Wanheimer Straße.",
            ),
            "tr": (
                "Hochfeld'de güvenli bisiklet yolları",
                "Wanheimer Caddesi'nde korunaklı bisiklet şeritleri.",
            ),
            "en": ("Safe cycle lanes in Hochfeld", "Protected cycle lanes on Wanheimer Straße."),
            "ar": ("مسارات دراجات آمنة في هوخفيلد", "مسارات محمية للدراجات في شارع فانهايمر."),
        },
    ),
    (
        "D-03",
        120_000,
        {
            "de": (
                "Bänke und Schatten am Rhein",
                "Zwanzig Bänke und Bäume an der Rheinpromenade Ruhrort.",
            ),
            "tr": (
                "Ren kıyısında banklar ve gölge",
                "Ruhrort Ren gezinti yolunda yirmi bank ve ağaç.",
            ),
            "en": (
                "Benches and shade by the Rhine",
                "Twenty benches and trees on the Ruhrort Rhine promenade.",
            ),
            "ar": ("مقاعد وظل على ضفاف الراين", "عشرون مقعدا وأشجار على كورنيش الراين في رورورت."),
        },
    ),
    (
        "D-04",
        300_000,
        {
            "de": (
                "Jugendtreff in Marxloh",
                "Ein offener Treffpunkt mit Musikraum für Jugendliche.",
            ),
            "tr": ("Marxloh'da gençlik merkezi", "Gençler için müzik odalı açık bir buluşma yeri."),
            "en": (
                "Youth club in Marxloh",
                "An open meeting place with a music room for young people.",
            ),
            "ar": ("نادي شباب في ماركسلوه", "مكان لقاء مفتوح مع غرفة موسيقى للشباب."),
        },
    ),
    (
        "D-05",
        90_000,
        {
            "de": ("Spielplatz im Kantpark erneuern", "Neue Geräte, auch für Kinder im Rollstuhl."),
            "tr": (
                "Kantpark'taki oyun alanını yenileme",
                "Tekerlekli sandalyedeki çocuklar için de yeni aletler.",
            ),
            "en": (
                "Renew the Kantpark playground",
                "New equipment, also for children in wheelchairs.",
            ),
            "ar": (
                "تجديد ملعب الأطفال في كانتبارك",
                "ألعاب جديدة، أيضا للأطفال على الكراسي المتحركة.",
            ),
        },
    ),
    (
        "D-06",
        60_000,
        {
            "de": ("Offene Bücherschränke", "Zehn Bücherschränke in allen Stadtbezirken."),
            "tr": ("Açık kitap dolapları", "Tüm ilçelerde on kitap dolabı."),
            "en": ("Open bookcases", "Ten public bookcases across all districts."),
            "ar": ("خزائن كتب مفتوحة", "عشر خزائن كتب في جميع الأحياء."),
        },
    ),
    (
        "D-07",
        200_000,
        {
            "de": (
                "Urban Gardening in Rheinhausen",
                "Hochbeete und ein Gemeinschaftsgarten für alle.",
            ),
            "tr": (
                "Rheinhausen'da kent bahçeciliği",
                "Herkes için yükseltilmiş yataklar ve bir topluluk bahçesi.",
            ),
            "en": (
                "Urban gardening in Rheinhausen",
                "Raised beds and a community garden for everyone.",
            ),
            "ar": ("زراعة حضرية في راينهاوزن", "أحواض مرتفعة وحديقة مجتمعية للجميع."),
        },
    ),
    (
        "D-08",
        150_000,
        {
            "de": (
                "Mehr Licht im Stadtpark Meiderich",
                "Sparsame Wegbeleuchtung für den Heimweg am Abend.",
            ),
            "tr": (
                "Meiderich şehir parkında daha fazla ışık",
                "Akşam eve dönüş için tasarruflu yol aydınlatması.",
            ),
            "en": (
                "More light in Meiderich city park",
                "Energy-saving path lighting for the way home at night.",
            ),
            "ar": (
                "إضاءة أكثر في حديقة مايدريش",
                "إنارة موفرة للطاقة للممرات في طريق العودة مساء.",
            ),
        },
    ),
)
