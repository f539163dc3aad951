"""The daily generate_week command: one athlete's failure does not cost the others
their week, and the run says it failed."""

import logging

import pytest
from django.core.management import CommandError, call_command

from programs.management.commands import generate_week as command
from programs.models import Session
from tests.conftest import make_user


@pytest.fixture
def squad(athlete, other_athlete, program):
    others = [make_user(f"lifter{number}") for number in range(3)]
    for user in others:
        user.assignments.create(program=program, start_date=athlete.assignments.get().start_date)
    return [athlete, other_athlete, *others]


def test_one_athletes_failure_is_logged_and_the_others_are_generated(
    squad, athlete, monkeypatch, caplog, capsys
):
    generate = command.generate_week

    def failing_for_athlete(*, assignments, week):
        if any(assignment.athlete_id == athlete.pk for assignment in assignments):
            raise RuntimeError("a template with no prescriptions")
        return generate(assignments=assignments, week=week)

    monkeypatch.setattr(command, "generate_week", failing_for_athlete)

    with caplog.at_level(logging.ERROR), pytest.raises(CommandError) as refused:
        call_command("generate_week", week="2026-W48")

    assert "failed for 1 athletes (athlete)" in str(refused.value)
    assert not Session.objects.filter(athlete=athlete).exists()
    for other in squad[1:]:
        assert Session.objects.filter(athlete=other).count() == 2
    assert any("athlete" in record.getMessage() and record.exc_info for record in caplog.records)
    assert "8 sessions created" in capsys.readouterr().out


def test_the_command_exits_non_zero_when_an_athlete_fails(squad, athlete, monkeypatch):
    """manage.py turns the CommandError into exit status 1, which cron and systemd see."""

    def failing(*, assignments, week):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(command, "generate_week", failing)
    with pytest.raises(SystemExit) as exit_status:
        command.Command().run_from_argv(["manage.py", "generate_week", "--week", "2026-W48"])
    assert exit_status.value.code == 1


def test_batches_hold_whole_athletes():
    class Row:
        def __init__(self, athlete_id):
            self.athlete_id = athlete_id

    rows = [Row(1), Row(1), Row(2), Row(3), Row(3), Row(3)]

    batches = command._batches(rows, size=3)

    assert [[row.athlete_id for row in batch] for batch in batches] == [[1, 1, 2], [3, 3, 3]]
