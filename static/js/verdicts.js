/* The verdict rules of tracking/verdicts.py, on the phone: a set ticked with no network
   gets its verdict at once, and the server's answer replaces it later.
   tests/e2e/test_verdict_parity.py runs both over one table of cases: change them together. */
(function () {
  "use strict";

  var HARD_SET_MAX_RIR = 3;
  var TOO_EASY_MIN_RIR = 4;

  var REP_LABELS = { below: "below the range", in_range: "in range", above: "above the range" };
  var EFFORT_LABELS = { on_target: "on target", at_limit: "at the limit", too_easy: "too easy" };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  var MESSAGES = {
    below: "{reps} reps: below the range of {reps_min}–{reps_max}.",
    above: "{reps} reps: above the range of {reps_min}–{reps_max}, the load is too light.",
    tooEasy: "RIR {rir}: you left reps in the tank. " +
      "Legs need 1–2 reps in reserve, 3 at the most: go closer to failure next set.",
    atLimit: "RIR 3: the most the guide allows. Aim for 1–2 in reserve next set.",
    aboveTarget: "RIR {rir}: more in reserve than this exercise's target of {rir_max} at the most: " +
      "go closer to failure next set.",
    good: "In range, on target: a good set."
  };

  // A per-leg set (reps null, both legs given) is judged on the weaker leg.
  function judgeSet(set) {
    var reps = set.reps;
    if (reps === null || reps === undefined) {
      reps = Math.min(set.repsLeft, set.repsRight);
    }
    var values = { reps: reps, reps_min: set.repsMin, reps_max: set.repsMax,
                   rir: set.rir, rir_max: set.rirMax };
    var notes = [];
    var rep = "in_range";
    if (reps < set.repsMin) {
      rep = "below";
      notes.push(fill(MESSAGES.below, values));
    } else if (reps > set.repsMax) {
      rep = "above";
      notes.push(fill(MESSAGES.above, values));
    }
    var effort = "on_target";
    if (set.rir >= TOO_EASY_MIN_RIR) {
      effort = "too_easy";
      notes.push(fill(MESSAGES.tooEasy, values));
    } else if (set.rir === HARD_SET_MAX_RIR) {
      effort = "at_limit";
      notes.push(MESSAGES.atLimit);
    } else if (set.rir > set.rirMax) {
      effort = "at_limit";
      notes.push(fill(MESSAGES.aboveTarget, values));
    }
    return {
      rep: rep,
      effort: effort,
      repsJudged: reps,
      repLabel: REP_LABELS[rep],
      effortLabel: EFFORT_LABELS[effort],
      isGood: rep === "in_range" && effort === "on_target",
      message: notes.length ? notes.join(" ") : MESSAGES.good
    };
  }

  window.legplannerVerdicts = { judgeSet: judgeSet };
})();
