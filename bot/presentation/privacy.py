"""The full privacy text: what is stored, why, how long, your rights — the one source for
/privacy, Settings → Privacy and Information → Privacy.

The legal citations are msgids of their own, so each language cites in one style; the retention
period comes from the settings, never from a translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel.units import format_unit

from bot.services.maintenance import WARNING_AHEAD
from bot.services.text_length import utf16_len

CONTACT_EMAIL = "duisburg2027@stadt-duisburg.de"
# One message holds 4,096 UTF-16 units; the page buttons say where a reader is.
PAGE_LIMIT = 4096


@dataclass(frozen=True)
class LegalBases:
    """The citations in the reader's language, one style per language."""

    task: str
    consent: str
    child: str


def legal_bases() -> LegalBases:
    """Public task, consent, a child's consent."""
    # Translators: the legal basis "public task" cited as usual in your language
    # (de "Art. 6 Abs. 1 lit. e DSGVO"); the two below in the same style.
    task = _("Art. 6(1)(e) GDPR")
    # Translators: the legal basis "consent".
    consent = _("Art. 6(1)(a) GDPR")
    # Translators: the article on a child's consent.
    child = _("Art. 8 GDPR")
    return LegalBases(task, consent, child)


def _months(count: int) -> str:
    return format_unit(count, "duration-month", locale=get_i18n().current_locale)


def _days(count: int) -> str:
    return format_unit(count, "duration-day", locale=get_i18n().current_locale)


def account_section(law: LegalBases) -> str:
    """What the account stores, including the optional profile."""
    return "\n".join(
        (
            _("<b>Your account</b>"),
            _(
                "What: your Telegram ID, your language and the language of your Telegram app. "
                "Whether you get announcements. When you first and last used the bot. "
                "Never your name, username or phone number."
            ),
            _(
                "Also your unfinished entries until you send or cancel them, and messages "
                "waiting to be sent to you."
            ),
            _(
                "Optional: district, age group and topics, only with your consent ({consent}). "
                "You can withdraw it at any time. For people under 16 we store no profile "
                "({child})."
            ).format(consent=law.consent, child=law.child),
            _("Why: resident participation is a public task of the city ({basis}).").format(
                basis=law.task
            ),
        )
    )


def ideas_section(law: LegalBases) -> str:
    """What ideas, supports and reports store."""
    return "\n".join(
        (
            _("<b>Ideas, supports and reports</b>"),
            _(
                "What: the text of your idea, with photos and a location if you add them. "
                "Its topic, place, detected language, reference number and status history. "
                "Which ideas you support, and which you reported and why."
            ),
            _(
                "Why: to handle your idea and tell you what happens to it ({basis}). "
                "Ideas are published without your name; the city team sees only a pseudonym."
            ).format(basis=law.task),
            # Translators: "Ideas", "My ideas", "Settings", "Privacy" are names of buttons.
            _(
                "How long: as long as your other data. You can withdraw an idea that is not "
                "decided yet under Ideas → My ideas. Deleting your data under Settings → "
                "Privacy also deletes your ideas, supports and reports."
            ),
        )
    )


def meetings_section(law: LegalBases) -> str:
    """What meeting registrations, reminders, subscriptions and feedback store."""
    return "\n".join(
        (
            _("<b>Meetings</b>"),
            _(
                "What: the meetings you register for, your status (registered, waiting list "
                "or cancelled) and since when. The reminders you chose and when they are due. "
                "The district whose new meetings you want to hear about. Your rating and "
                "comment after a meeting."
            ),
            _(
                "Why: to keep your place, move you up from the waiting list, remind you and "
                "improve the meetings ({basis}). The city team sees numbers and the average "
                "rating, never your name."
            ).format(basis=law.task),
            # Translators: "Settings" and "New meetings" are the names of buttons.
            _(
                "How long: as long as your other data. You can cancel a registration or change "
                "reminders on the meeting's page. You can stop messages about new meetings "
                "under Settings → New meetings. Deleting your data deletes all of this."
            ),
        )
    )


def volunteering_section(law: LegalBases) -> str:
    """What saying "I'm interested" in a volunteering opportunity stores, and who sees what."""
    return "\n".join(
        (
            _("<b>Volunteering</b>"),
            _(
                "What: the volunteering opportunities you said you are interested in, your "
                "message to the organisation, whether you shared your contact, and a tag such "
                "as V7K2QF instead of your name. For a conversation with the organisation "
                "through the bot: whether it is open and how many messages went through, not "
                "the messages themselves."
            ),
            _(
                "Why: to pass on your interest and let you talk to the organisation without "
                "giving away your number ({basis}). The organisation sees your message, your "
                "languages and the tag. Your Telegram account and phone number only if you "
                "choose to share your contact ({consent})."
            ).format(basis=law.task, consent=law.consent),
            _(
                "Notices of new opportunities, only if you switch them on in the settings: "
                "that you want them and since when. Which ones reach you is decided from your "
                "district, topics and language when an opportunity is published ({consent})."
            ).format(consent=law.consent),
            _(
                "How long: as long as your other data; messages passed on through the bot "
                "only until they are delivered. Deleting your data deletes all of this."
            ),
        )
    )


def polls_section(law: LegalBases) -> str:
    """What a poll vote stores, and why it is not linked to the person."""
    return "\n".join(
        (
            _("<b>Polls</b>"),
            _(
                "What: your answer, stored under a pseudonym, not your Telegram ID. With it "
                "your language and, only if you agreed to the profile, your district and age "
                "group. Also which polls were sent to you."
            ),
            _(
                "Why: one vote per person that you can change ({basis}). Results show totals; "
                "breakdowns leave out groups of fewer than five people."
            ).format(basis=law.task),
            _(
                "How long: as long as your other data. While a poll is open you can take your "
                "vote back in the poll. Deleting your data deletes your votes too."
            ),
        )
    )


def translation_section(provider: str, law: LegalBases) -> str | None:
    """Where texts go to be translated; None when no provider is set (nothing is sent)."""
    if provider == "libretranslate":
        where = _(
            "What: ideas written in another language than German, and the city team's comments "
            "to their authors, are translated by machine with LibreTranslate on a server run "
            "for the city. The texts do not leave it."
        )
    elif provider == "deepl":
        where = _(
            "What: ideas written in another language than German, and the city team's comments "
            "to their authors, are translated by machine with DeepL. For this the texts are "
            "sent to DeepL SE in Cologne (EU), without your name or Telegram ID."
        )
    else:
        return None
    return "\n".join(
        (
            _("<b>Machine translation</b>"),
            where,
            _(
                "Why: so the city team can read every idea and you can read its answer in your "
                "language ({basis}). Translations are kept with the idea and deleted with it."
            ).format(basis=law.task),
        )
    )


def retention_section(retention_months: int) -> str:
    """How long everything is kept: the period from the settings."""
    return "\n".join(
        (
            _("<b>How long</b>"),
            _(
                "Until you delete your data. If you do not use the bot for {period}, we delete "
                "everything automatically. We tell you {warning} before."
            ).format(period=_months(retention_months), warning=_days(WARNING_AHEAD.days)),
            # The erasure log (bot/services/personal_data/erasure_log.py): a keyed hash, which
            # the texts call a pseudonym, as for votes.
            _(
                "After a deletion we keep only a pseudonym of your Telegram ID and the time. With "
                "it the deletion is repeated if we ever have to restore a backup."
            ),
        )
    )


def rights_section() -> str:
    """/mydata, /delete, the other rights and whom to ask."""
    return "\n".join(
        (
            _("<b>Your rights</b>"),
            _("/mydata sends you all your data as a file. /delete deletes everything."),
            _(
                "You can also ask us to correct or restrict your data. You can complain to the "
                "data protection authority of North Rhine-Westphalia (LDI NRW)."
            ),
            _("Responsible: City of Duisburg. Questions: {email}").format(email=CONTACT_EMAIL),
        )
    )


def privacy_sections(retention_months: int, provider: str = "none") -> list[str]:
    """The parts of the full text, in reading order (machine translation if a provider is set:
    TRANSLATE_PROVIDER)."""
    law = legal_bases()
    translation = translation_section(provider, law)
    return [
        "🔒 <b>" + _("Privacy") + "</b>",
        account_section(law),
        ideas_section(law),
        *([translation] if translation else []),
        meetings_section(law),
        polls_section(law),
        volunteering_section(law),
        retention_section(retention_months),
        rights_section(),
    ]


def privacy_pages(
    retention_months: int, limit: int | None = None, provider: str = "none"
) -> list[str]:
    """The full text cut between parts into messages of at most `limit` UTF-16 units (of the
    HTML, which is never shorter than what Telegram counts); PAGE_LIMIT is read at call time."""
    most = PAGE_LIMIT if limit is None else limit
    pages: list[str] = []
    for part in privacy_sections(retention_months, provider):
        joined = pages[-1] + "\n\n" + part if pages else part
        if pages and utf16_len(joined) <= most:
            pages[-1] = joined
        else:
            pages.append(part)
    return pages
