"""How a tick, an edit or an undo made with no network joins the sets already waiting on
the phone: static/js/queue-rules.js, run in Chromium over one table of cases."""

from playwright.sync_api import Page

ME, SOMEONE_ELSE = "1", "2"
A, B = "aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002"


def entry(id: int | None, kind: str, uuid: str = A, **extra) -> dict:
    made = {
        "athlete": ME,
        "kind": kind,
        "uuid": uuid,
        "state": "waiting",
        "fields": {"uuid": uuid, "reps": "5", "load": "100", "rir": "2"},
    }
    if id is not None:
        made["id"] = id
    for name, value in extra.items():
        if name == "fields":
            made["fields"] = {**made["fields"], **value}
        else:
            made[name] = value
    return made


EDIT_TO_7 = entry(None, "edit", fields={"reps": "7"})
UNDO = entry(None, "undo")
TICK = entry(None, "tick")

# (queue, new op, expected put, expected remove)
CASES = {
    "a tick joins the queue": ([], TICK, [TICK], []),
    "a tick then an edit: the tick is sent with the edit's values": (
        [entry(1, "tick")],
        EDIT_TO_7,
        [entry(1, "tick", fields={"reps": "7"})],
        [],
    ),
    "an edit keeps the fields it does not send": (
        [entry(1, "tick", fields={"load": "110"})],
        {**EDIT_TO_7, "fields": {"uuid": A, "reps": "7"}},
        [entry(1, "tick", fields={"reps": "7", "load": "110"})],
        [],
    ),
    "an edit then an edit of a set the server has: one edit": (
        [entry(2, "edit", fields={"reps": "6"})],
        EDIT_TO_7,
        [entry(2, "edit", fields={"reps": "7"})],
        [],
    ),
    "a tick then an undo: neither is sent": ([entry(1, "tick")], UNDO, [], [1]),
    "an undo of a set the server has is sent": ([], UNDO, [UNDO], []),
    "an undo drops the edit waiting before it": ([entry(2, "edit")], UNDO, [UNDO], [2]),
    "an edit of a tick on its way waits behind it (a resend would undo the edit)": (
        [entry(1, "tick", sending=True)],
        EDIT_TO_7,
        [EDIT_TO_7],
        [],
    ),
    "an undo of a tick on its way is sent after it": (
        [entry(1, "tick", sending=True), entry(2, "edit")],
        UNDO,
        [UNDO],
        [2],
    ),
    "a refused tick is not changed by an edit": (
        [entry(1, "tick", state="refused", reason="No.")],
        EDIT_TO_7,
        [EDIT_TO_7],
        [],
    ),
    "another set's tick is not touched": ([entry(1, "tick", uuid=B)], EDIT_TO_7, [EDIT_TO_7], []),
    "another athlete's tick on this phone is not touched": (
        [entry(1, "tick", athlete=SOMEONE_ELSE)],
        UNDO,
        [UNDO],
        [],
    ),
}


def on_the_phone(page: Page, queue: list[dict], op: dict) -> dict:
    return page.evaluate(
        """([queue, op]) => {
            const before = JSON.stringify(queue);
            const plan = legplannerQueueRules.merge(queue, op);
            return { plan, pure: JSON.stringify(queue) === before };
        }""",
        [queue, op],
    )


def test_the_queue_merges_a_new_op_by_the_table(page: Page, server):
    page.goto(f"{server.url}/login/")  # any page: every page loads the rules
    wrong = {}
    for name, (queue, op, put, remove) in CASES.items():
        merged = on_the_phone(page, queue, op)
        if merged != {"plan": {"put": put, "remove": remove}, "pure": True}:
            wrong[name] = merged
    assert wrong == {}


def test_the_banner_counts_sets_not_entries(page: Page, server):
    page.goto(f"{server.url}/login/")
    queues = [
        ([], 0),
        ([entry(1, "tick"), entry(2, "edit")], 1),
        ([entry(1, "tick"), entry(2, "tick", uuid=B)], 2),
        ([entry(1, "tick", state="refused"), entry(2, "tick", uuid=B)], 1),
    ]
    counted = page.evaluate(
        "queues => queues.map(q => legplannerQueueRules.waitingSets(q))",
        [queue for queue, _ in queues],
    )
    assert counted == [sets for _, sets in queues]
