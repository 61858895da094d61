"""The statuses, kinds and roles (StrEnums) for the layers above services.

They are defined beside their tables in db/models, since the columns store them; handlers
import them from here, so no handler needs db.models at runtime (import-linter checks it).
"""

from db.models import (
    CampaignStatus,
    IdeaActor,
    IdeaStatus,
    MeetingStatus,
    OpportunityKind,
    OpportunityStatus,
    OutboxPriority,
    OutboxStatus,
    PollStatus,
    RegistrationStatus,
    RelayStatus,
    ReminderKind,
    ReminderStatus,
    StaffRole,
    VolunteerOrgStatus,
    YouthGroupStatus,
)

__all__ = [
    "CampaignStatus",
    "IdeaActor",
    "IdeaStatus",
    "MeetingStatus",
    "OpportunityKind",
    "OpportunityStatus",
    "OutboxPriority",
    "OutboxStatus",
    "PollStatus",
    "RegistrationStatus",
    "RelayStatus",
    "ReminderKind",
    "ReminderStatus",
    "StaffRole",
    "VolunteerOrgStatus",
    "YouthGroupStatus",
]
