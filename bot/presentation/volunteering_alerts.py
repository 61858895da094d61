"""The notice of a new volunteering opportunity, in the subscriber's language (for the CLI,
the sandbox and anyone else who publishes)."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, VolunteerCb
from bot.keyboards.ideas import place_label
from bot.services.locale import content_language
from bot.services.volunteering.alerts import AlertRenderer
from bot.services.volunteering.opportunities import text_of
from db.models import VolunteerOpportunity, VolunteerOrg


def new_opportunity(i18n: I18n) -> AlertRenderer:
    """ "🤝 New: <title> — <organisation>, <district>" with Show and Settings buttons."""

    def render(
        opportunity: VolunteerOpportunity, org: VolunteerOrg, language: str
    ) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(language):
            title = escape(text_of(opportunity.title, content_language(language)))
            text = "\n".join(
                (
                    _("🤝 <b>A new volunteering opportunity</b>"),
                    "",
                    f"<b>{title}</b>",
                    escape(org.name) + " · 📍 " + place_label(opportunity.district),
                    "",
                    _("You get this because you switched on notices of new opportunities."),
                )
            )
            builder = InlineKeyboardBuilder()
            builder.button(text=_("Show"), callback_data=VolunteerCb(id=opportunity.id))
            builder.button(text="⚙️ " + _("Settings"), callback_data=MenuCb(to="volunteer_alerts"))
            builder.adjust(1)
            markup = builder.as_markup().model_dump(exclude_none=True)
        return {"text": text, "reply_markup": markup}

    return render
