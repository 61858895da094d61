"""The fuzz test's ingredients: who acts where, and the hypothesis strategies for what they do."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from bot.keyboards.callbacks import ALL_CALLBACKS
from bot.sandbox import updates
from tests.flow.ideas_support import STAFF_CHAT

RESIDENTS = (5001, 5002, 5003)
MODERATOR, EDITOR, ADMIN = 5010, 5030, 5020
STAFF = (MODERATOR, EDITOR, ADMIN)
CHATS = {
    "group": updates.group_chat(-100111, "Nachbarn", "group"),
    "supergroup": updates.group_chat(-100222, "Forum", "supergroup"),
    "staff": updates.group_chat(STAFF_CHAT, "Team", "supergroup"),
}
CHANNEL = {"id": -100333, "type": "channel", "title": "Amtsblatt"}
PREFIXES = [cls.__prefix__ for cls in ALL_CALLBACKS]
COMMANDS = ["start", "help", "menu", "cancel", "settings", "language", "privacy", "stop",
            "announce", "campaigns", "staff", "mydata", "delete", "ideas", "nonsense",
            "start@OtherBot", "START", "meetings", "newmeeting", "newpoll", "polls", "register",
            "results", "register@OtherBot"]  # fmt: skip
SPECIAL = ["<b>fett</b>", "<script>alert(1)</script>", "&amp; &lt;", "\u202eRTL override",
           "مرحبا بالجميع", "שלום", "zero\u200bwidth\u200d\ufeff", "a" * 4096, "-", "4242",
           "💡" * 50, "\x00", "  ", "Ünïcödé ß", "I-2026-0001", "²", "٣", "9" * 40]  # fmt: skip
# Answers the meeting and poll wizards wait for, right and wrong, so flows get deep.
ANSWERS = ["2026-12-10 18:00", "2027-03-01 09:30", "20:30", "23:59", "9999-12-31 23:00",
           "0001-01-01 00:00", "2026-02-30 10:00", "25", "0", "-3", "100001", "Rathaus Walsum",
           "Friedrich-Ebert-Str. 152, 47179 Duisburg", "Saal, ", ",", "Ja\nNein\nVielleicht",
           "Frage?\nA\nA", "1", "5", "#1", "3 Tage", "x" * 301]  # fmt: skip
# Action and value words of our callback data, to forge presses that reach the handlers.
WORDS = ["list", "card", "reg", "unreg", "remind", "rset", "ics", "map", "rate", "skip", "open",
         "cancel", "sure", "time", "place", "publish", "close", "push", "ok", "no", "member",
         "role", "remove", "withdraw", "district", "filter", "off", "1", "5", "1d", "2h", "1w",
         "walsum", "hamborn", "editor", "admin", "true", "false", ""]  # fmt: skip
KINDS = ["text", "text", "answer", "command", "command", "press", "press", "press",
         "mutated_press", "forged_press", "edited", "channel_post", "my_chat_member",
         "chat_member", "no_language", "photo", "poll_answer", "poll", "deep_link"]  # fmt: skip

# Long texts are a short drawn piece repeated: drawing 4,096 characters one by one made
# hypothesis itself the slowest part of the test (and overran its buffer for most batches).
long_texts = st.builds(lambda piece, times: (piece * times)[:4096],
                       st.text(min_size=1, max_size=6), st.integers(500, 4096))  # fmt: skip
texts = st.one_of(st.text(max_size=60), st.sampled_from(SPECIAL + ANSWERS), long_texts)
fields = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-:éü²", max_size=12)
numbers = st.one_of(st.integers(-3, 40), st.integers(-(2**64), 2**64)).map(str)


@st.composite
def well_formed(draw: st.DrawFn) -> str:
    """Data one of our classes unpacks: known words and small or huge numbers, any owner's."""
    cls = draw(st.sampled_from(ALL_CALLBACKS))
    parts = [cls.__prefix__]
    for field in cls.model_fields.values():
        if field.annotation is int:
            parts.append(draw(numbers))
        else:
            parts.append(draw(st.one_of(st.sampled_from(WORDS), fields)))
    return ":".join(parts)[:64]


@st.composite
def callback_data(draw: st.DrawFn) -> str:
    """A prefix of ours (or garbage) with random fields, at most 64 bytes."""
    if draw(st.booleans()):
        return draw(well_formed())
    prefix = draw(st.one_of(st.sampled_from(PREFIXES), fields))
    parts = draw(st.lists(st.one_of(fields, numbers), max_size=5))
    data = ":".join([prefix, *parts])
    while len(data.encode()) > 64:
        data = data[:-1]
    return data or "x"


@st.composite
def actions(draw: st.DrawFn) -> dict[str, Any]:
    """One thing a person does; only the ingredients its kind needs are drawn."""
    kind = draw(st.sampled_from(KINDS))
    places = ["private"] * 5 + ["group", "supergroup", "staff"]
    action: dict[str, Any] = {
        "kind": kind,
        "sender": draw(st.sampled_from([*RESIDENTS, *STAFF])),
        "place": draw(st.sampled_from(places)),
        "pick": draw(st.integers(0, 1000)),
        # Seconds on the bot's clock since the last update: mostly calm, sometimes a flood.
        "gap": draw(st.sampled_from([0.0, 0.2, 1.0, 2.0, 2.0, 5.0, 5.0, 30.0, 61.0])),
    }
    if kind in ("text", "edited", "channel_post", "no_language", "photo"):
        action["text"] = draw(texts)
    elif kind == "answer":
        action["text"] = draw(st.sampled_from(ANSWERS))
    elif kind == "command":
        action["command"] = draw(st.sampled_from(COMMANDS))
        action["args"] = draw(st.one_of(st.none(), numbers, texts))
    elif kind == "deep_link":
        action["args"] = "m" + draw(st.one_of(numbers, fields, st.sampled_from(SPECIAL)))
    elif kind == "forged_press":
        action["data"] = draw(callback_data())
    elif kind == "mutated_press":
        action["field"] = draw(st.one_of(numbers, fields, st.sampled_from(SPECIAL[-3:])))
    elif kind in ("my_chat_member", "chat_member"):
        action["status"] = draw(st.sampled_from(["member", "left", "kicked", "administrator"]))
    elif kind in ("poll_answer", "poll"):
        # Mostly one valid option (the polls have three), sometimes retracting or junk ids.
        valid = st.lists(st.integers(0, 2), min_size=1, max_size=1)
        junk = st.lists(st.integers(-2, 14), max_size=4)
        action["options"] = draw(st.one_of(valid, valid, junk))
        # One in four for a poll id the bot never sent.
        action["junk_poll"] = draw(fields) if draw(st.integers(0, 3)) == 0 else None
    return action
