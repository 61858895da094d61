"""Web chat votes: a simulated user votes in a native poll; counts change like Telegram's."""

from __future__ import annotations

import copy
from typing import Any

from .state import BotState
from .updates import poll_answer_update


class VoteError(ValueError):
    """The vote is not possible (closed poll, bad options, a final quiz answer)."""


def cast_vote(
    state: BotState, voter_id: int, chat_id: int, message_id: int, option_ids: list[int]
) -> dict[str, Any]:
    """Record a vote (empty = retract) in the stored poll and return the poll as it is now."""
    stored = state.message(chat_id, message_id)
    poll = stored.data.get("poll") if stored else None
    if poll is None:
        raise VoteError("there is no poll in this message")
    if poll["is_closed"]:
        raise VoteError("the poll is closed")
    options = poll["options"]
    wanted = sorted(set(option_ids))
    if any(not 0 <= i < len(options) for i in wanted):
        raise VoteError("no such option")
    if len(wanted) > 1 and not poll["allows_multiple_answers"]:
        raise VoteError("only one answer is allowed")
    votes = state.poll_votes.setdefault(poll["id"], {})
    previous = votes.get(voter_id, [])
    if previous and poll["type"] == "quiz":
        raise VoteError("a quiz answer can't be changed")
    if not wanted and not previous:
        raise VoteError("there is no vote to retract")
    for index in previous:
        options[index]["voter_count"] -= 1
    for index in wanted:
        options[index]["voter_count"] += 1
    if wanted:
        votes[voter_id] = wanted
    else:
        votes.pop(voter_id, None)
    poll["total_voter_count"] = len(votes)
    return copy.deepcopy(poll)


def vote_updates(
    voter: dict[str, Any], poll: dict[str, Any], option_ids: list[int]
) -> list[dict[str, Any]]:
    """What the bot receives: poll_answer (for named polls only) and the poll's new state."""
    found: list[dict[str, Any]] = []
    if not poll["is_anonymous"]:
        found.append(poll_answer_update(voter, poll["id"], sorted(set(option_ids))))
    found.append({"update_id": 0, "poll": poll})
    return found
