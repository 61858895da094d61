"""People voting in polls the bot sent: Telegram's rules, the counts, and the updates it sends."""

from __future__ import annotations

import copy
import time
from typing import Any

from .errors import bad_request
from .state import BotState
from .update_parts import update

# Bot API: close_date must be 5 to 2,628,000 seconds in the future (open_period alike).
CLOSE_MIN, CLOSE_MAX = 5, 2_628_000


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


def cast_vote(
    state: BotState, poll_id: str, voter: dict[str, Any], option_ids: list[int]
) -> list[dict[str, Any]]:
    """A person (un)votes in a poll; returns the updates Telegram sends the bot (poll, answer)."""
    where = state.polls.get(poll_id)
    stored = state.message(*where) if where else None
    if stored is None:
        raise ValueError(f"no poll {poll_id} in a message the bot sent")
    poll = stored.data["poll"]
    if is_closed(poll):
        raise ValueError("the poll is closed; Telegram does not let anyone vote")
    if any(not 0 <= i < len(poll["options"]) for i in option_ids):
        raise ValueError("no such option")
    if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
        raise ValueError("only one option can be chosen")
    earlier = state.poll_choices.setdefault(poll_id, {}).get(voter["id"], [])
    if earlier and not poll.get("allows_revoting", True):
        raise ValueError("this poll does not allow changing the vote")
    if not option_ids and not earlier:
        raise ValueError("nothing to retract")
    for index in earlier:
        poll["options"][index]["voter_count"] -= 1
    for index in option_ids:
        poll["options"][index]["voter_count"] += 1
    poll["total_voter_count"] += (1 if option_ids else 0) - (1 if earlier else 0)
    state.poll_choices[poll_id][voter["id"]] = sorted(option_ids)
    updates = [update(0, poll=copy.deepcopy(poll))]
    if not poll["is_anonymous"]:
        answer = {
            "poll_id": poll_id,
            "user": voter,
            "option_ids": sorted(option_ids),
            "option_persistent_ids": [
                poll["options"][i].get("persistent_id", str(i)) for i in sorted(option_ids)
            ],
        }
        updates.append(update(0, poll_answer=answer))
    return updates
