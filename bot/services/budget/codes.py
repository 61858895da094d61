"""One-time voting codes: printed on letters by the city, stored only as SHA-256 digests."""

from __future__ import annotations

import hashlib
import secrets
from enum import StrEnum

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.budget.processes import target
from bot.services.clock import Clock
from db.models import BudgetCode, BudgetProcess

# No 0/O, 1/I: read off a letter and typed into a phone. 32 symbols × 12 = 60 bits.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 12


def new_code() -> str:
    """A random code shown as XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[start : start + 4] for start in range(0, LENGTH, 4))


def digest(code: str) -> str:
    """What is stored: SHA-256 of the code without dashes or spaces, upper case."""
    normal = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normal.encode()).hexdigest()


def batch(count: int) -> list[str]:
    """`count` new, distinct codes (not stored yet: write them out first, then `store`)."""
    made: dict[str, str] = {}
    while len(made) < count:
        code = new_code()
        made[digest(code)] = code
    return list(made.values())


async def store(
    session: AsyncSession, clock: Clock, process: BudgetProcess, codes: list[str], *, actor: int
) -> None:
    """Keep only the codes' digests, audited, in one transaction."""
    session.add_all(BudgetCode(process_id=process.id, digest=digest(code)) for code in codes)
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_CODES, target=target(process.id),
        at=clock.now(), after={"codes": len(codes)},
    )  # fmt: skip
    await session.commit()


class CodeCheck(StrEnum):
    """What a code typed into the chat is."""

    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"


async def check(session: AsyncSession, process_id: int, code: str) -> CodeCheck:
    """Whether the code belongs to the process and has not opened a ballot yet (no change)."""
    stored = await session.get(BudgetCode, (process_id, digest(code)))
    if stored is None:
        return CodeCheck.UNKNOWN
    return CodeCheck.USED if stored.used else CodeCheck.VALID


async def redeem(session: AsyncSession, process_id: int, code_digest: str) -> bool:
    """Mark the code used, if it still is unused (one statement: two ballots racing for one
    code cannot both win); no commit."""
    done = await session.execute(
        update(BudgetCode)
        .where(
            BudgetCode.process_id == process_id,
            BudgetCode.digest == code_digest,
            BudgetCode.used.is_(False),
        )
        .values(used=True)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0))
