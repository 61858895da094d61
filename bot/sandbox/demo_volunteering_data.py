"""The sandbox's demo volunteering content: two organisations and four opportunities.

Texts in German (required), English, Turkish and Arabic; the seeder puts DEMO_LABEL in front.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.sandbox.webchat_directory import GroupChat, Resident
from db.models import OpportunityKind

# The first organisation's own Telegram group (its inbox), and a team member who answers there.
ORG_GROUP = GroupChat(
    -1_001_000_000_003, "Nachbarschaftshilfe Hochfeld – Team (demo group)", "group"
)
DEMO_TEAM = Resident(690_004, "Jana (demo, Nachbarschaftshilfe)", "de", demo=True)


@dataclass(frozen=True)
class DemoOrg:
    """An organisation; `group`: it answers in its own group, else in the staff chat."""

    name: str
    website: str
    description: str
    group: bool


@dataclass(frozen=True)
class DemoOpportunity:
    """One opportunity of organisation number `org` (0 or 1)."""

    org: int
    title: dict[str, str]
    description: dict[str, str]
    district: str
    kind: OpportunityKind
    languages: tuple[str, ...]
    topics: tuple[str, ...] = ()
    hours_per_week: float | None = None
    places: int | None = None
    days_ahead: int | None = None  # a one-off's date, from the sandbox's first start
    when: dict[str, str] = field(default_factory=dict)


ORGS = (
    DemoOrg(
        "Nachbarschaftshilfe Hochfeld (Demo)", "https://example.org/nachbarschaftshilfe",
        "Nachbarinnen und Nachbarn helfen einander – in vielen Sprachen.", group=True,
    ),
    DemoOrg(
        "Tafel Duisburg-Nord (Demo)", "https://example.org/tafel",
        "Lebensmittel retten und an Menschen mit wenig Geld weitergeben.", group=False,
    ),
)  # fmt: skip

OPPORTUNITIES = (
    DemoOpportunity(
        0,
        title={
            "de": "Lesepatenschaft auf Türkisch und Arabisch",
            "en": "Reading mentor in Turkish and Arabic",
            "tr": "Türkçe ve Arapça okuma ablası / ağabeyi",
            "ar": "مرافقة قراءة باللغتين التركية والعربية",
        },
        description={
            "de": "Einmal pro Woche mit Grundschulkindern in ihrer Familiensprache lesen.",
            "en": "Read with primary school children in their family language once a week.",
            "tr": "Haftada bir ilkokul çocuklarıyla kendi aile dillerinde kitap okuyun.",
            "ar": "اقرأ مع أطفال المدرسة الابتدائية بلغة عائلتهم مرة في الأسبوع.",
        },
        district="mitte", kind=OpportunityKind.REGULAR, languages=("tr", "ar", "de"),
        topics=("education", "integration"), hours_per_week=2, places=4,
    ),
    DemoOpportunity(
        0,
        title={
            "de": "Einkaufshilfe für ältere Nachbarn",
            "en": "Shopping help for older neighbours",
            "tr": "Yaşlı komşulara alışveriş yardımı",
            "ar": "المساعدة في التسوق للجيران المسنين",
        },
        description={
            "de": "Einkäufe für Menschen erledigen, die nicht mehr gut laufen können.",
            "en": "Do the shopping for people who can no longer walk well.",
            "tr": "Artık iyi yürüyemeyen insanlar için alışveriş yapın.",
            "ar": "قم بالتسوق لأشخاص لم يعودوا قادرين على المشي جيدًا.",
        },
        district="mitte", kind=OpportunityKind.REGULAR, languages=("de",),
        topics=("neighbourhood",), hours_per_week=1.5,
    ),
    DemoOpportunity(
        1,
        title={
            "de": "Lebensmittel ausgeben",
            "en": "Hand out food",
            "tr": "Gıda dağıtımı",
            "ar": "توزيع المواد الغذائية",
        },
        description={
            "de": "Dienstags und freitags Lebensmittel sortieren und ausgeben.",
            "en": "Sort and hand out food on Tuesdays and Fridays.",
            "tr": "Salı ve cuma günleri gıdaları ayırın ve dağıtın.",
            "ar": "فرز المواد الغذائية وتوزيعها يومي الثلاثاء والجمعة.",
        },
        district="hamborn", kind=OpportunityKind.REGULAR, languages=("de", "en"),
        topics=("neighbourhood",), hours_per_week=4, places=6,
    ),
    DemoOpportunity(
        1,
        title={
            "de": "Aktionstag: Frühjahrsputz im Park",
            "en": "Action day: spring clean in the park",
            "tr": "Etkinlik günü: parkta bahar temizliği",
            "ar": "يوم عمل: تنظيف الربيع في الحديقة",
        },
        description={
            "de": "Einen Vormittag lang gemeinsam den Park aufräumen. Handschuhe gibt es vor Ort.",
            "en": "Tidy up the park together for a morning. Gloves are provided.",
            "tr": "Bir sabah boyunca parkı birlikte temizleyelim. Eldivenler yerinde verilir.",
            "ar": "لننظف الحديقة معًا لصباح واحد. القفازات متوفرة في المكان.",
        },
        district="city", kind=OpportunityKind.ONCE, languages=("de", "en", "tr"),
        topics=("environment",), days_ahead=30,
        when={"de": "10 bis 13 Uhr", "en": "10 am to 1 pm", "tr": "10:00–13:00",
              "ar": "من 10 إلى 13"},
    ),
)  # fmt: skip
