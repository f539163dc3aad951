/* How a new tick, edit or undo joins the sets already waiting on the phone. Pure: it
   reads the queue and says what to put and what to remove, and touches nothing.
   tests/e2e/test_queue_rules.py runs it over a table of cases. */
(function () {
  "use strict";

  // queue: every entry kept (any athlete); op: the new entry.
  // Returns { put: [entries], remove: [ids] }.
  function merge(queue, op) {
    // Only entries not yet on their way can change: one being sent queues the op behind it.
    var same = queue.filter(function (entry) {
      return entry.athlete === op.athlete && entry.uuid === op.uuid &&
        entry.state === "waiting" && !entry.sending;
    });
    var tick = same.filter(function (entry) { return entry.kind === "tick"; })[0];
    var edit = same.filter(function (entry) { return entry.kind === "edit"; })[0];
    if (op.kind === "edit" && (tick || edit)) {
      var target = tick || edit;
      return { put: [Object.assign({}, target, { fields: Object.assign({}, target.fields, op.fields) })], remove: [] };
    }
    if (op.kind === "undo" && tick) {
      // Never reached the server: forgetting it is the whole undo.
      return { put: [], remove: same.map(function (entry) { return entry.id; }) };
    }
    if (op.kind === "undo") {
      return { put: [op], remove: edit ? [edit.id] : [] };
    }
    return { put: [op], remove: [] };
  }

  // Sets, not entries: a tick and a later edit of it are one set waiting.
  function waitingSets(queue) {
    return new Set(queue.filter(function (entry) { return entry.state === "waiting"; })
      .map(function (entry) { return entry.uuid; })).size;
  }

  window.legplannerQueueRules = { merge: merge, waitingSets: waitingSets };
})();
