"""Database tables. Every timestamp is UTC; no names, usernames or phone numbers are stored."""

from db.models.audit import StaffAudit
from db.models.base import NAMING, Base
from db.models.core import FsmRecord, InfoPage, ProcessedUpdate, User, UserTopic
from db.models.delivery import (
    Campaign,
    CampaignText,
    OutboxMessage,
    SenderLease,
    StaffMember,
)
from db.models.ideas import Idea, IdeaEvent, IdeaReport, IdeaSupport, StaffTopic
from db.models.meetings import (
    Meeting,
    MeetingFeedback,
    MeetingRegistration,
    MeetingReminder,
    MeetingSubscription,
)
from db.models.polls import (
    Poll,
    PollMessage,
    PollVariant,
    PollVote,
    YouthGroup,
    YouthGroupStatus,
)

__all__ = [
    "NAMING",
    "Base",
    "Campaign",
    "CampaignText",
    "FsmRecord",
    "Idea",
    "IdeaEvent",
    "IdeaReport",
    "IdeaSupport",
    "InfoPage",
    "Meeting",
    "MeetingFeedback",
    "MeetingRegistration",
    "MeetingReminder",
    "MeetingSubscription",
    "OutboxMessage",
    "Poll",
    "PollMessage",
    "PollVariant",
    "PollVote",
    "ProcessedUpdate",
    "SenderLease",
    "StaffAudit",
    "StaffMember",
    "StaffTopic",
    "User",
    "UserTopic",
    "YouthGroup",
    "YouthGroupStatus",
]
