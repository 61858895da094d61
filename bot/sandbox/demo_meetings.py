"""Demo meetings for the sandbox: two upcoming Bürgerforen, one with a map location and places."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from db.repositories import meetings as repo

# The calendar UIDs mark the demo meetings, so they are created once per sandbox database.
UIDS = ("demo-meeting-1@stadtstimme-sandbox", "demo-meeting-2@stadtstimme-sandbox")
# (days ahead, local start, local end) of each meeting
WHEN = ((10, time(18, 0), time(20, 0)), (17, time(17, 0), time(19, 0)))
# (month, day): Christmas Eve to Boxing Day, New Year's Eve and New Year's Day. Nobody holds a
# Bürgerforum then, so a demo meeting on such a day would look wrong; it moves to the next day.
CLOSED_DAYS = frozenset({(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)})


def open_day(day: date) -> date:
    """The day itself, or the next day that is not a closed holiday."""
    while (day.month, day.day) in CLOSED_DAYS:
        day += timedelta(days=1)
    return day


def demo_days(today: date) -> tuple[date, date]:
    """The two meeting days: about 10 and 17 days ahead, never on a holiday, in that order."""
    (days1, _start1, _end1), (days2, _start2, _end2) = WHEN
    first = open_day(today + timedelta(days=days1))
    second = open_day(max(today + timedelta(days=days2), first + timedelta(days=1)))
    return first, second


def _labelled(texts: dict[str, str]) -> dict[str, str]:
    return {language: f"{DEMO_LABEL} {text}" for language, text in texts.items()}


def demo_inputs(today: date, zone: tzinfo) -> list[MeetingInput]:
    """The two demo meetings, dated from today (local) on."""
    (_days1, start1, end1), (_days2, start2, end2) = WHEN
    day1, day2 = demo_days(today)
    town_hall = MeetingInput(
        title=_labelled({
            "de": "Bürgerforum Innenstadt: Duisburg 2027",
            "tr": "Şehir merkezi vatandaş forumu: Duisburg 2027",
            "en": "Residents' forum city centre: Duisburg 2027",
            "ar": "منتدى المواطنين في وسط المدينة: دويسبورغ 2027",
        }),
        district="mitte", venue="Rathaus Duisburg, Ratssaal",
        address="Burgplatz 19, 47051 Duisburg",
        starts=datetime.combine(day1, start1, zone), ends=datetime.combine(day1, end1, zone),
        description={
            "de": "Wie soll die Innenstadt 2027 aussehen? Bringen Sie Ihre Ideen mit.",
            "tr": "Şehir merkezi 2027'de nasıl görünmeli? Fikirlerinizi getirin.",
            "en": "What should the city centre look like in 2027? Bring your ideas.",
        },
        accessibility={
            "de": "Barrierefrei, Aufzug am Seiteneingang.",
            "tr": "Engelsiz erişim, yan girişte asansör var.",
        },
        capacity=40, location=(51.4356, 6.7627),
    )  # fmt: skip
    youth = MeetingInput(
        title=_labelled({
            "de": "Jugendforum Hamborn: Treffpunkte und Freizeit",
            "tr": "Hamborn gençlik forumu: Buluşma yerleri ve boş zaman",
            "en": "Youth forum Hamborn: meeting places and free time",
        }),
        district="hamborn", venue="Jugendzentrum Hamborn",
        address="Duisburger Straße 213, 47166 Duisburg",
        starts=datetime.combine(day2, start2, zone), ends=datetime.combine(day2, end2, zone),
        description={
            "de": "Wo triffst du dich gern, was fehlt? Offenes Forum für alle von 14 bis 27.",
            "tr": "Nerede buluşmayı seviyorsunuz, ne eksik? 14-27 yaş arası herkese açık forum.",
        },
    )  # fmt: skip
    return [town_hall, youth]


async def seed_meetings(context: DemoContext) -> int:
    """Create and publish the demo meetings once; 0 when they exist already."""
    from bot.presentation.meetings import notice_renderer  # the texts subscribers get

    settings = context.settings
    render = notice_renderer(context.i18n, settings.zone)
    today = context.clock.now().astimezone(settings.zone).date()
    created = 0
    async with context.session_factory() as session:
        for uid, data in zip(UIDS, demo_inputs(today, settings.zone), strict=True):
            if await repo.by_source_uid(session, uid) is not None:
                continue
            meeting = await meetings.create(
                session, context.clock, data, created_by=context.staff_id, source_uid=uid
            )
            await meetings.publish(
                session, context.clock, meeting, render, settings.default_language,
                actor=context.staff_id,
            )  # fmt: skip
            created += 1
        await session.commit()
    return created
