"""People voting in polls the bot sent: Telegram's rules, the counts, and the updates it sends.

The one place votes happen: `FakeBotAPI.vote` (tests) and the web chat's vote button both call
`cast_vote`, so both keep the same store (`BotState.poll_votes`) and send the same updates.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from .errors import bad_request
from .state import BotState
from .update_parts import update

# Bot API: close_date must be 5 to 2,628,000 seconds in the future (open_period alike).
CLOSE_MIN, CLOSE_MAX = 5, 2_628_000


class VoteError(ValueError):
    """The vote is not possible (closed poll, bad options, a vote that can't be changed)."""


def check_closing(params: dict[str, Any]) -> None:
    """sendPoll's open_period/close_date rules as the spec states them."""
    if "open_period" in params and "close_date" in params:
        raise bad_request("can't use open_period together with close_date")
    if "open_period" in params and not CLOSE_MIN <= int(params["open_period"]) <= CLOSE_MAX:
        raise bad_request("wrong open period specified")
    if "close_date" in params:
        ahead = int(params["close_date"]) - time.time()
        if not CLOSE_MIN - 1 <= ahead <= CLOSE_MAX + 1:
            raise bad_request("wrong close date specified")


def is_closed(poll: dict[str, Any]) -> bool:
    """Stopped, or past its close_date / open_period."""
    if poll["is_closed"]:
        return True
    closes = poll.get("close_date")
    return closes is not None and closes <= time.time()


def may_revote(poll: dict[str, Any]) -> bool:
    """Whether a vote may be changed: allows_revoting if the spec has it, else not for quizzes."""
    return bool(poll.get("allows_revoting", poll["type"] != "quiz"))


def _checked(poll: dict[str, Any], earlier: list[int], option_ids: list[int]) -> list[int]:
    """The chosen options, sorted and unique, if Telegram would accept them."""
    wanted = sorted(set(option_ids))
    if is_closed(poll):
        raise VoteError("the poll is closed; Telegram does not let anyone vote")
    if any(not 0 <= i < len(poll["options"]) for i in wanted):
        raise VoteError("no such option")
    if len(wanted) > 1 and not poll["allows_multiple_answers"]:
        raise VoteError("only one option can be chosen")
    if earlier and not may_revote(poll):
        raise VoteError("this poll does not allow changing the vote")
    if not wanted and not earlier:
        raise VoteError("there is no vote to retract")
    return wanted


def cast_vote(
    state: BotState, poll_id: str, voter: dict[str, Any], option_ids: list[int]
) -> list[dict[str, Any]]:
    """A person (un)votes in a poll; returns the updates Telegram sends the bot (poll, answer)."""
    where = state.polls.get(poll_id)
    stored = state.message(*where) if where else None
    if stored is None or "poll" not in stored.data:
        raise VoteError(f"no poll {poll_id} in a message the bot sent")
    poll = stored.data["poll"]  # changed in place: the chat shows the new counts
    votes = state.poll_votes.setdefault(poll_id, {})
    earlier = votes.get(voter["id"], [])
    wanted = _checked(poll, earlier, option_ids)
    for index in earlier:
        poll["options"][index]["voter_count"] -= 1
    for index in wanted:
        poll["options"][index]["voter_count"] += 1
    if wanted:
        votes[voter["id"]] = wanted
    else:
        votes.pop(voter["id"], None)
    poll["total_voter_count"] = len(votes)
    found = [update(0, poll=copy.deepcopy(poll))]
    if not poll["is_anonymous"]:
        answer = {
            "poll_id": poll_id,
            "user": voter,
            "option_ids": wanted,
            "option_persistent_ids": [
                poll["options"][i].get("persistent_id", str(i)) for i in wanted
            ],
        }
        found.append(update(0, poll_answer=answer))
    return found
