"""Every CallbackData class; prefixes are unique and packed values stay within 64 bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Numbers in callback data are checked against what the columns hold (PostgreSQL INTEGER for
# row ids, BIGINT for Telegram ids): forged data with bigger numbers then fails the filter and
# gets "no longer valid" instead of an overflow in the query.
RowId = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
TelegramId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class MenuCb(CallbackData, prefix="m"):
    """A main-menu entry or navigation target."""

    to: str


class LanguageCb(CallbackData, prefix="lg"):
    """A language picked in the language picker."""

    code: str


class LanguageOfferCb(CallbackData, prefix="lo"):
    """The answer to 'Shall I talk to you in …?'."""

    code: str
    accept: bool


class ProfileCb(CallbackData, prefix="pf"):
    """A profile answer: step, value, and mode (o: onboarding, s: set up, e: edit one part)."""

    step: str
    value: str = ""
    mode: str = "o"


class InfoCb(CallbackData, prefix="if"):
    """An information page to open."""

    slug: str


class PrivacyFrom(StrEnum):
    """Where the privacy text was opened: its Back button leads there."""

    SETTINGS = "s"
    WELCOME = "w"
    INFO = "i"


class PrivacyCb(CallbackData, prefix="pv"):
    """Privacy actions: show data, delete (with confirmation); Back leads to `origin`."""

    action: str
    origin: PrivacyFrom = PrivacyFrom.SETTINGS


class PrivacyPageCb(CallbackData, prefix="pp"):
    """One page of the privacy text, and where it was opened from."""

    page: int = Field(ge=0, le=9)
    origin: PrivacyFrom


class AnnouncementsCb(CallbackData, prefix="ns"):
    """Announcements on or off (Settings)."""

    on: bool


class AnnounceCb(CallbackData, prefix="an"):
    """A step of the /announce wizard; value: a language, a filter kind or the draft's id."""

    action: str
    value: str = ""


class AudienceCb(CallbackData, prefix="au"):
    """Add or remove one audience filter value (kind: districts, age_groups, topics, languages)."""

    kind: str
    value: str


class CampaignCb(CallbackData, prefix="cp"):
    """Cancel a campaign, from its progress message (stop) or from /campaigns (cancel)."""

    action: str
    id: RowId


class IdeaCb(CallbackData, prefix="id"):
    """A step of handing in an idea; value: a topic, a district, "city" or the draft's id."""

    action: str
    value: str = ""


class IdeaModCb(CallbackData, prefix="im"):
    """A moderation press on an idea in the staff chat; value: a decline reason."""

    action: str
    id: RowId
    value: str = ""


class MyIdeaCb(CallbackData, prefix="my"):
    """A resident's own idea: ask to withdraw it, or confirm (action "withdraw" / "sure")."""

    action: str
    id: RowId


class BrowseCb(CallbackData, prefix="ib"):
    """Browsing published ideas: topic/district as list index (-1: all), sort, page, an idea."""

    action: str
    t: RowId = -1
    d: RowId = -1
    s: str = "n"
    p: RowId = 0
    i: RowId = 0
    r: str = ""


class MeetingCb(CallbackData, prefix="mt"):
    """A resident's press on meetings: list (v: district), card, reg, unreg, ics, map, remind,
    rset (v: a reminder choice or "off"), rate (v: 1–5), skip (no comment), outcome (what came
    out of a meeting that has taken place)."""

    action: str
    id: RowId = 0
    v: str = ""


class MeetingSubCb(CallbackData, prefix="ms"):
    """Settings → new meetings in a district: "pick" shows the list, "" switches off."""

    district: str


class MeetingStaffCb(CallbackData, prefix="mf"):
    """Staff on /meetings and /newmeeting: open, cancel, sure, time, place, publish, …"""

    action: str
    id: RowId = 0
    v: str = ""


class PollWizCb(CallbackData, prefix="pw"):
    """A /newpoll step; value: a duration, a language, a filter kind or the draft's id."""

    action: str
    value: str = ""


class PollAdminCb(CallbackData, prefix="pa"):
    """Staff on a poll's results: close it (push: also send the results to participants)."""

    action: str
    id: RowId


class PollPickCb(CallbackData, prefix="pl"):
    """A resident asks for an open poll from Main menu → Polls."""

    id: RowId


class GroupLanguageCb(CallbackData, prefix="gl"):
    """A group admin picks the group's language (re-checked as admin on the press)."""

    code: str


class InformalCb(CallbackData, prefix="du"):
    """The answer to 'Shall I say "du" to you?' (asked after an age group under 18)."""

    accept: bool


class YouthGroupCb(CallbackData, prefix="yg"):
    """Staff approve or decline a youth group's registration."""

    action: str
    chat: TelegramId


class StaffCb(CallbackData, prefix="sf"):
    """/staff for admins: list, one member, add, set a role, remove (ask / sure)."""

    action: str
    id: TelegramId = 0
    role: str = ""


class VolunteerListCb(CallbackData, prefix="vl"):
    """The volunteering list with its filters (empty: any); `pick` opens a filter's choices."""

    district: str = ""  # a district code, "city", or "" for any
    freq: str = ""  # once, regular, or ""
    mine: bool = False  # only teams that speak my language
    topic: str = ""  # a profile topic, or ""
    page: int = Field(default=0, ge=0, le=999)
    pick: str = ""  # "d" or "t": show that filter's choices


class VolunteerCb(CallbackData, prefix="vo"):
    """An opportunity: card, interested (what to share?), msg (message only), contact."""

    id: RowId
    step: str = "card"


class VolunteerRelayCb(CallbackData, prefix="vr"):
    """Under a relayed message: answer the organisation, or end the conversation."""

    id: RowId  # the interest
    action: str  # reply | end


class VolunteerAlertCb(CallbackData, prefix="va"):
    """Settings: notices of new volunteering opportunities on or off."""

    on: bool


class VolunteerInboxCb(CallbackData, prefix="vg"):
    """Staff decide which organisation a group that sent /register_org belongs to (0: none)."""

    chat: TelegramId
    org: RowId


class BudgetCb(CallbackData, prefix="bu"):
    """The Bürgerhaushalt vote: open a process, toggle a project, confirm; a project's card
    ("c"), its toggle ("ct") and back to the list keeping the choice ("l"); and the eligibility
    answers (district declared: `project` is its position in the list; age: 1 yes, 0 no)."""

    action: Literal["open", "t", "ok", "c", "ct", "l", "dist", "age"]
    process: RowId
    project: RowId = 0
    # The unconfirmed choice as a hex bit mask over the ballot's projects in code order: it lives
    # in the message, never in the conversation data (a keyboard holds at most 100 buttons).
    draft: Annotated[str, Field(pattern=r"^[0-9a-f]{0,25}$")] = ""


class ProposalCb(CallbackData, prefix="bp"):
    """Bürgerhaushalt proposals: list, card, support, and the steps of handing one in."""

    # list, card, new proposal, support, withdraw support, district step, skip a step, send
    action: Literal["list", "card", "new", "sup", "wd", "d", "skip", "send"]
    process: RowId
    proposal: RowId = 0
    value: Annotated[str, Field(pattern=r"^[a-z-]{0,24}$")] = ""  # a district code


PhaseName = Literal["", "proposals", "review", "voting", "closed"]  # "": none named


class BudgetStaffCb(CallbackData, prefix="bs"):
    """/budget for editors: overview, move the phase (ask, confirm), review proposals."""

    # overview, move (ask), move (confirmed), review queue, feasible, not feasible, merge, skip
    action: Literal["home", "mv", "mvok", "q", "ok", "nf", "mg", "next"]
    process: RowId = 0
    proposal: RowId = 0
    phase: PhaseName = ""


ALL_CALLBACKS: tuple[type[CallbackData], ...] = (
    MenuCb,
    BudgetCb,
    ProposalCb,
    BudgetStaffCb,
    LanguageCb,
    LanguageOfferCb,
    ProfileCb,
    InfoCb,
    PrivacyCb,
    PrivacyPageCb,
    AnnouncementsCb,
    AnnounceCb,
    AudienceCb,
    CampaignCb,
    IdeaCb,
    IdeaModCb,
    MyIdeaCb,
    BrowseCb,
    MeetingCb,
    MeetingSubCb,
    MeetingStaffCb,
    PollWizCb,
    PollAdminCb,
    PollPickCb,
    YouthGroupCb,
    GroupLanguageCb,
    InformalCb,
    StaffCb,
    VolunteerListCb,
    VolunteerCb,
    VolunteerRelayCb,
    VolunteerInboxCb,
    VolunteerAlertCb,
)
