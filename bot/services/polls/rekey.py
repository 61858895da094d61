"""Move poll votes from the old voter key (the BOT_TOKEN) to POLL_SECRET.

Until POLL_SECRET was required, votes were keyed with the bot token. After the upgrade the
bot computes keys with POLL_SECRET only, so votes under the token would be missed by /delete
and by the has-voted checks, and stay linkable by anyone holding the token.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.clock import Clock
from bot.services.polls.votes import voter_key
from db.repositories import poll_keys as repo
from db.repositories import polls as polls_repo

SAMPLE = 50  # residents tried at start-up: HMACs are cheap, but start-up should stay quick


@dataclass(frozen=True)
class Rekeyed:
    """What a re-keying run did."""

    votes: int  # moved to the new key
    polls: int  # polls with at least one moved (or superseded) vote
    superseded: int  # old-key votes dropped: the person has voted again under the new key
    unmatched: int  # votes under neither key of a current resident (their people were deleted)


async def rekey(
    session: AsyncSession, clock: Clock, old_key: bytes, new_key: bytes, *, actor: int
) -> Rekeyed:
    """Re-key every vote of a known resident from `old_key` to `new_key`, audited, in one
    transaction; running it again changes nothing more."""
    if old_key == new_key:
        raise ValueError("the old and the new key are the same")
    residents = await repo.resident_ids(session)
    moved = superseded = unmatched = touched = 0
    for poll_id in await repo.polls_with_votes(session):
        voters = await polls_repo.voters(session, poll_id)
        renames: dict[str, str] = {}
        drop: list[str] = []
        current: set[str] = set()
        for telegram_id in residents:
            new = voter_key(new_key, poll_id, telegram_id)
            current.add(new)
            old = voter_key(old_key, poll_id, telegram_id)
            if old not in voters:
                continue
            # A vote cast again after the upgrade is the person's current answer: it stays.
            if new in voters:
                drop.append(old)
            else:
                renames[old] = new
        await repo.delete_voters(session, poll_id, drop)
        await repo.rename_voters(session, poll_id, renames)
        moved, superseded = moved + len(renames), superseded + len(drop)
        touched += bool(renames or drop)
        unmatched += len(voters - current - renames.keys() - set(drop))
    result = Rekeyed(moved, touched, superseded, unmatched)
    audit.record(
        session, actor=actor, action=audit.AuditAction.POLL_REKEY, target="poll_votes",
        at=clock.now(), after=asdict(result),
    )  # fmt: skip
    await session.commit()
    return result


async def old_key_in_use(session: AsyncSession, old_key: bytes) -> bool:
    """Whether the newest poll with votes holds one under `old_key` for a sampled resident
    (its recipients, else the newest residents): a cheap hint that `polls rekey` is due."""
    poll_id = await repo.newest_poll_with_votes(session)
    if poll_id is None:
        return False
    sample = await repo.private_recipients(session, poll_id, SAMPLE)
    sample = sample or await repo.resident_ids(session, limit=SAMPLE)
    keys = [voter_key(old_key, poll_id, telegram_id) for telegram_id in sample]
    return await repo.any_vote_of(session, poll_id, keys)
