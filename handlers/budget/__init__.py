"""The Bürgerhaushalt in the chat: menu entry 💶, deep link `start=b<id>`, proposals and their
supports, the vote (toggles, confirm), and /budget for editors (phases, review).

`build_router()` makes a new Router each call (a process may build several Dispatchers), with the
handlers registered through the public API. The proposal steps take any text in their states, so
they are on their own router (`flow_router`), after account's /cancel and /menu."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart, StateFilter

from bot.filters import Has, HasRole, StaffChat
from bot.keyboards.callbacks import BudgetCb, BudgetStaffCb, MenuCb, ProposalCb
from bot.services.vocabulary import StaffRole
from handlers.budget import cards, eligibility, gate, proposals, propose, review, staff, vote
from handlers.budget.propose import ProposalFlow
from handlers.budget.review import ReviewFlow

DEEP_LINK = r"^b\d{1,9}$"
EDITOR = HasRole(StaffRole.EDITOR)


def build_router() -> Router:
    """The vote's and the proposals' handlers, and /budget, on a fresh router (private chats)."""
    router = Router(name="budget")
    deep_link = CommandStart(deep_link=True, magic=F.args.regexp(DEEP_LINK))
    router.message.register(proposals.deep_link, deep_link, proposals.deep_link_collecting)
    router.message.register(vote.deep_link, deep_link, vote.onboarded)
    router.callback_query.register(
        proposals.entry, MenuCb.filter(F.to == "budget"), proposals.any_collecting
    )
    router.callback_query.register(vote.choose, MenuCb.filter(F.to == "budget"))
    router.callback_query.register(vote.open_ballot, BudgetCb.filter(F.action == "open"))
    router.callback_query.register(vote.toggle, BudgetCb.filter(F.action == "t"))
    router.callback_query.register(vote.confirm, BudgetCb.filter(F.action == "ok"))
    router.callback_query.register(cards.card, BudgetCb.filter(F.action.in_({"c", "ct"})))
    router.callback_query.register(cards.listing, BudgetCb.filter(F.action == "l"))
    router.callback_query.register(eligibility.district, BudgetCb.filter(F.action == "dist"))
    router.callback_query.register(eligibility.age, BudgetCb.filter(F.action == "age"))
    router.message.register(eligibility.code, StateFilter(gate.Gate.code), Has("text"))
    router.callback_query.register(proposals.listing, ProposalCb.filter(F.action == "list"))
    router.callback_query.register(proposals.card, ProposalCb.filter(F.action == "card"))
    router.callback_query.register(
        proposals.support, ProposalCb.filter(F.action.in_({"sup", "wd"}))
    )
    router.callback_query.register(propose.start, ProposalCb.filter(F.action == "new"))
    _staff(router)
    return router


def _staff(router: Router) -> None:
    """/budget and its buttons; the same in a private chat and in the staff chat."""
    router.message.register(staff.command, Command("budget"))
    router.callback_query.register(staff.not_editor, BudgetStaffCb.filter(), ~EDITOR)
    router.callback_query.register(staff.home, BudgetStaffCb.filter(F.action == "home"))
    router.callback_query.register(staff.ask_move, BudgetStaffCb.filter(F.action == "mv"))
    router.callback_query.register(staff.move, BudgetStaffCb.filter(F.action == "mvok"))
    router.callback_query.register(review.queue, BudgetStaffCb.filter(F.action.in_({"q", "next"})))
    router.callback_query.register(
        review.ask, BudgetStaffCb.filter(F.action.in_({"ok", "nf", "mg"}))
    )


def _answers(router: Router) -> None:
    """The answers to a review question (any text in its state: after /cancel and /menu)."""
    router.message.register(review.cancel, Command("cancel"), StateFilter(ReviewFlow))
    router.message.register(review.answer, StateFilter(ReviewFlow), Has("text"), EDITOR)


def staff_chat_router() -> Router:
    """/budget and the review in the staff chat (editors; the role checked on every press)."""
    router = Router(name="budget_staff_chat")
    router.message.filter(StaffChat())
    router.callback_query.filter(StaffChat())
    _staff(router)
    _answers(router)
    return router


def flow_router() -> Router:
    """The steps of handing in a proposal and the review answers (private chats, after /cancel
    and /menu)."""
    router = Router(name="budget_flow")
    _answers(router)
    router.message.register(propose.title, StateFilter(ProposalFlow.title), Has("text"))
    router.message.register(propose.description, StateFilter(ProposalFlow.description), Has("text"))
    router.message.register(propose.photo, StateFilter(ProposalFlow.photo))
    router.message.register(propose.location, StateFilter(ProposalFlow.location))
    router.message.register(propose.cost, StateFilter(ProposalFlow.cost), Has("text"))
    router.callback_query.register(
        propose.district, ProposalCb.filter(F.action == "d"), StateFilter(ProposalFlow.district)
    )
    router.callback_query.register(propose.skip, ProposalCb.filter(F.action == "skip"),
                                   StateFilter(ProposalFlow.photo, ProposalFlow.location,
                                               ProposalFlow.cost))  # fmt: skip
    router.callback_query.register(
        propose.send, ProposalCb.filter(F.action == "send"), StateFilter(ProposalFlow.preview)
    )
    return router
