"""The phone judges a set offline with static/js/verdicts.js; the server with
tracking/verdicts.py. Both run over one table of cases and must agree on every field."""

from itertools import product

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tracking import calibration
from tracking.calibration import RirBias
from tracking.verdicts import judge_set, judge_set_against_tests

# (reps_min, reps_max, rir_max): the guide's prescriptions, a fixed rep count, a target
# of failure, and the edge of the allowed target.
PRESCRIPTIONS = [(5, 8, 2), (6, 10, 2), (10, 15, 2), (10, 14, 1), (8, 8, 0), (5, 5, 3)]
REPS = range(0, 18)
RIR = range(0, 8)
PER_LEG = [(10, 12), (12, 10), (9, 14), (0, 11), (14, 14), (15, 16)]


def cases() -> list[dict]:
    table = [
        {"reps": reps, "rir": rir, "reps_min": lo, "reps_max": hi, "rir_max": target}
        for (lo, hi, target), reps, rir in product(PRESCRIPTIONS, REPS, RIR)
    ]
    table += [
        {"reps": None, "reps_left": left, "reps_right": right, "rir": rir}
        | {"reps_min": 10, "reps_max": 14, "rir_max": 2}
        for (left, right), rir in product(PER_LEG, RIR)
    ]
    return table


def on_the_server(case: dict) -> dict:
    return on_the_server_verdict(judge_set(**case))


def on_the_server_verdict(verdict) -> dict:
    return {
        "rep": str(verdict.rep),
        "effort": str(verdict.effort),
        "repsJudged": verdict.reps_judged,
        "repLabel": str(verdict.rep.label),
        "effortLabel": str(verdict.effort.label),
        "isGood": verdict.is_good,
        "message": str(verdict.message),
    }


def on_the_phone(page: Page, table: list[dict]) -> list[dict]:
    return page.evaluate(
        """table => table.map(c => legplannerVerdicts.judgeSet({
            reps: c.reps, repsLeft: c.reps_left, repsRight: c.reps_right, rir: c.rir,
            repsMin: c.reps_min, repsMax: c.reps_max, rirMax: c.rir_max,
        }))""",
        table,
    )


def test_the_phone_and_the_server_give_the_same_verdicts(page: Page, server):
    page.goto(f"{server.url}/login/")  # any page: every page loads verdicts.js
    table = cases()
    phone = on_the_phone(page, table)
    disagreements = [
        (case, server, mine)
        for case, server, mine in zip(table, map(on_the_server, table), phone, strict=True)
        if server != mine
    ]
    assert disagreements == []
    # The table reaches every verdict, so agreement is not agreement on one case.
    assert {(v["rep"], v["effort"]) for v in phone} == {
        (rep, effort)
        for rep in ("below", "in_range", "above")
        for effort in ("on_target", "at_limit", "too_easy")
    }


# Issue 18: a typed RIR × the correction the lifter's test sets make, and a test set's
# outcome. The page gives the phone the correction (the set form's data-correction).
CORRECTIONS = range(-3, 5)


def corrected_cases() -> list[dict]:
    return [
        {"reps": reps, "rir": rir, "reps_min": lo, "reps_max": hi, "rir_max": target}
        | {"correction": correction}
        for (lo, hi, target), reps, rir, correction in product(
            PRESCRIPTIONS[:3], (6, 9, 12), range(0, 6), CORRECTIONS
        )
    ]


def corrected_on_the_server(case: dict) -> dict:
    case = dict(case)
    bias = RirBias(reps=float(case.pop("correction")), spread=0.0, tests=2)
    verdict = judge_set_against_tests(**case, bias=bias, exercise="leg press")
    return on_the_server_verdict(verdict)


def test_the_phone_and_the_server_judge_the_corrected_rir_alike(page: Page, server):
    page.goto(f"{server.url}/login/")
    table = corrected_cases()
    phone = page.evaluate(
        """table => table.map(c => legplannerVerdicts.judgeAgainstTests({
            reps: c.reps, rir: c.rir, repsMin: c.reps_min, repsMax: c.reps_max,
            rirMax: c.rir_max, correction: c.correction, exercise: "leg press",
        }))""",
        table,
    )
    server_side = [corrected_on_the_server(case) for case in table]
    assert [
        (case, mine, theirs)
        for case, mine, theirs in zip(table, phone, server_side, strict=True)
        if mine != theirs
    ] == []
    # The table reaches a corrected verdict that differs from the typed one both ways.
    assert any("You said RIR 2: your tests say that is about RIR 4" in v["message"] for v in phone)
    assert any("You said RIR 4: your tests say that is about RIR 2" in v["message"] for v in phone)


def test_the_phone_and_the_server_say_a_test_sets_outcome_alike(page: Page, server):
    page.goto(f"{server.url}/login/")
    table = [(said, did) for said in range(0, 6) for did in range(0, 9)]
    phone = page.evaluate(
        "table => table.map(([said, did]) => legplannerVerdicts.testSetOutcome(said, did))",
        table,
    )
    assert phone == [
        calibration.test_set_outcome(predicted_rir=said, actual_rir=did) for said, did in table
    ]


# Issue 19: the phone's words come from the page, in the person's language; the server's
# from the same catalogue. Every field, every language.
LANGUAGES = {"de": "de-DE", "fr": "fr-FR", "es": "es-ES", "pt-br": "pt-BR"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_phone_and_the_server_agree_in_every_language(new_context, server, language):
    page = new_context(locale=LANGUAGES[language]).new_page()
    page.goto(f"{server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    table = cases()
    phone = on_the_phone(page, table)
    with translation.override(language):
        on_server = [on_the_server(case) for case in table]
    disagreements = [
        (case, mine, theirs)
        for case, mine, theirs in zip(table, on_server, phone, strict=True)
        if mine != theirs
    ]
    assert disagreements == []
    # The words really are the language's: a too-easy set below the range, not English.
    case = {"reps": 3, "rir": 5, "reps_min": 5, "reps_max": 8, "rir_max": 2}
    with translation.override(language):
        localized = on_the_server(case)["message"]
    assert localized != on_the_server(case)["message"]
