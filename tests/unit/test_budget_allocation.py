"""The Bürgerhaushalt results: worked examples from the MES literature, and pabutools agrees.

pabutools (the participatory-budgeting research library) is the reference: for random instances
both rules must fund the same projects. Its exact equivalent of our `mes` is
`completion_by_rule_combination` of `method_of_equal_shares(sat_class=Cost_Sat,
voter_budget_increment=1)` (Add1: +1 € per voter per step) and `greedy_utilitarian_welfare(
sat_class=Cost_Sat)` (Cost_Sat makes greedy's "satisfaction per euro" the number of votes);
`greedy` is that greedy alone. Both get our tie order (more votes, lower cost, lower code).
One documented difference: we never fund a project without votes, so pabutools is given only
the projects that have votes (its greedy would spend leftover money on the others).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from bot.services.budget.allocation import Candidate, Explanation, Reason, allocate
from db.models import BudgetRule


def pabutools_funded(
    projects: list[Candidate], ballots: list[list[str]], budget: int, rule: BudgetRule
) -> list[str]:
    voted = {code for ballot in ballots for code in ballot}
    chosen = {p.code: Project(p.code, p.cost) for p in projects if p.code in voted}
    instance = Instance(chosen.values(), budget_limit=budget)
    profile = ApprovalProfile([ApprovalBallot([chosen[code] for code in b]) for b in ballots])
    ties = TieBreakingRule(lambda _i, prof, p: (-prof.approval_score(p), p.cost, p.name))
    greedy = {"sat_class": Cost_Sat, "tie_breaking": ties}
    if rule == BudgetRule.GREEDY:
        outcome = greedy_utilitarian_welfare(instance, profile, **greedy)
    else:
        mes = {"sat_class": Cost_Sat, "voter_budget_increment": 1, "tie_breaking": ties}
        outcome = completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare], [mes, greedy]
        )
    return sorted(project.name for project in outcome)


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Candidate], list[list[str]], int]:
    count = draw(st.integers(1, 7))
    costs = draw(st.lists(st.integers(1, 60), min_size=count, max_size=count))
    projects = [Candidate(f"P{number}", cost) for number, cost in enumerate(costs)]
    codes = [project.code for project in projects]
    ballot = st.lists(st.sampled_from(codes), min_size=1, max_size=count, unique=True)
    ballots = draw(st.lists(ballot, min_size=1, max_size=25))
    budget = draw(st.integers(1, max(1, sum(costs))))
    return projects, ballots, budget


@settings(max_examples=200, deadline=None)
@given(instances())
def test_mes_funds_what_pabutools_funds(
    instance: tuple[list[Candidate], list[list[str]], int],
) -> None:
    projects, ballots, budget = instance
    ours = allocate(projects, ballots, budget, BudgetRule.MES)
    assert sorted(ours.funded) == pabutools_funded(projects, ballots, budget, BudgetRule.MES)
    assert ours.spent <= budget


@settings(max_examples=200, deadline=None)
@given(instances())
def test_greedy_funds_what_pabutools_funds(
    instance: tuple[list[Candidate], list[list[str]], int],
) -> None:
    projects, ballots, budget = instance
    ours = allocate(projects, ballots, budget, BudgetRule.GREEDY)
    assert sorted(ours.funded) == pabutools_funded(projects, ballots, budget, BudgetRule.GREEDY)


def _red_and_blue() -> tuple[list[Candidate], list[list[str]]]:
    # equalshares.net / the MES papers: 51 % want ten red projects, 49 % ten blue ones, and the
    # money suffices for ten. Greedy gives the majority everything; MES splits 5 : 5.
    red = [Candidate(f"R{number}", 100) for number in range(10)]
    blue = [Candidate(f"B{number}", 100) for number in range(10)]
    ballots = [[p.code for p in red]] * 51 + [[p.code for p in blue]] * 49
    return red + blue, ballots


def test_red_and_blue_mes_gives_each_group_its_proportional_half() -> None:
    projects, ballots = _red_and_blue()
    result = allocate(projects, ballots, 1_000, BudgetRule.MES)
    # Shares of 10 € buy 5 red (51 × 10 = 510) but only 4 blue (490); Add1 raises the share to
    # 11 €, where 49 × 11 = 539 buys a fifth blue one and the whole budget is spent.
    assert sorted(result.funded) == ["B0", "B1", "B2", "B3", "B4", "R0", "R1", "R2", "R3", "R4"]
    assert result.share == 11
    # The whole budget is spent: the others did not fit (not "fell short", which hints at money).
    assert result.explanations["R5"] == Explanation(Reason.NO_FIT, 0)
    assert result.explanations["B5"] == Explanation(Reason.NO_FIT, 0)


def test_mes_shortfall_only_for_a_project_the_money_left_could_pay() -> None:
    # Budget 100, two voters, shares raised by Add1 to 59: voter 1 cannot pay A (60 €) and
    # voter 2 buys B (30 €); A would fit the 70 € left after MES, its supporter fell short by 1 €
    # (greedy completion then funds C, the cheaper one).
    projects = [Candidate("A", 60), Candidate("B", 30), Candidate("C", 30)]
    result = allocate(projects, [["A"], ["B", "C"]], 100, BudgetRule.MES)
    assert sorted(result.funded) == ["B", "C"] and result.share == 59
    assert result.explanations == {"A": Explanation(Reason.SHORTFALL, 1)}


def test_a_free_project_with_votes_is_funded_and_mes_still_runs() -> None:
    projects = [Candidate("F", 0), Candidate("A", 60), Candidate("B", 50)]
    for rule in (BudgetRule.MES, BudgetRule.GREEDY):
        result = allocate(projects, [["F", "A"], ["F", "B"], ["A"]], 100, rule)
        assert sorted(result.funded) == ["A", "F"]
        assert result.explanations == {"B": Explanation(Reason.NO_FIT, 40)}


def test_red_and_blue_greedy_gives_the_majority_everything() -> None:
    projects, ballots = _red_and_blue()
    result = allocate(projects, ballots, 1_000, BudgetRule.GREEDY)
    assert sorted(result.funded) == [f"R{number}" for number in range(10)]
    assert result.explanations["B0"] == Explanation(Reason.NO_FIT, 0)


def test_ties_go_to_more_votes_then_lower_cost_then_lower_code() -> None:
    projects = [Candidate("C", 50), Candidate("A", 50), Candidate("B", 40), Candidate("D", 50)]
    # B, C, A, D each with 2 votes except D with 3; the budget buys only one.
    ballots = [["A", "B", "C", "D"], ["A", "B", "C", "D"], ["D"]]
    assert allocate(projects, ballots, 50, BudgetRule.GREEDY).funded == ("D",)
    ballots = [["A", "B", "C"], ["A", "B", "C"]]
    assert allocate(projects, ballots, 50, BudgetRule.GREEDY).funded == ("B",)
    projects = [Candidate("C", 50), Candidate("A", 50)]
    assert allocate(projects, [["A", "C"]], 50, BudgetRule.GREEDY).funded == ("A",)
    assert allocate(projects, [["A", "C"]], 50, BudgetRule.MES).funded == ("A",)


def test_greedy_explains_what_did_not_fit_with_the_money_left_at_its_turn() -> None:
    projects = [Candidate("A", 60), Candidate("B", 50), Candidate("C", 30), Candidate("D", 10)]
    ballots = [["A", "B", "C", "D"]] * 4 + [["A", "B", "C"]] * 3 + [["A", "B"]] * 2 + [["A"]]
    result = allocate(projects, ballots, 100, BudgetRule.GREEDY)
    assert result.funded == ("A", "C", "D")  # 60, then B (50) does not fit the 40 left
    assert result.explanations == {"B": Explanation(Reason.NO_FIT, 40)}


def test_a_project_without_votes_is_never_funded() -> None:
    projects = [Candidate("A", 10), Candidate("Z", 1)]
    for rule in BudgetRule:
        result = allocate(projects, [["A"]], 100, rule)
        assert result.funded == ("A",)
        assert result.explanations == {"Z": Explanation(Reason.NO_VOTES, 0)}
        assert result.votes == {"A": 1, "Z": 0}
