/* The verdict rules of tracking/verdicts.py, on the phone: a set ticked with no network
   gets its verdict at once, and the server's answer replaces it later. The thresholds,
   labels and messages are the server's, read from the page (words.js); the rules are
   copied, and tests/e2e/test_verdict_parity.py runs both over one table of cases. */
(function () {
  "use strict";

  var words = window.legplannerWords;

  // A per-leg set (reps null, both legs given) is judged on the weaker leg.
  function judgeSet(set) {
    var said = words.all().verdicts;
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
      notes.push(words.fill(said.below, values));
    } else if (reps > set.repsMax) {
      rep = "above";
      notes.push(words.fill(said.above, values));
    }
    var effort = "on_target";
    if (set.rir >= said.tooEasyMinRir) {
      effort = "too_easy";
      notes.push(words.fill(said.tooEasy, values));
    } else if (set.rir === said.hardSetMaxRir) {
      effort = "at_limit";
      notes.push(said.atLimit);
    } else if (set.rir > set.rirMax) {
      effort = "at_limit";
      notes.push(words.fill(said.aboveTarget, values));
    }
    return {
      rep: rep,
      effort: effort,
      repsJudged: reps,
      repLabel: said.rep[rep],
      effortLabel: said.effort[effort],
      isGood: rep === "in_range" && effort === "on_target",
      message: notes.length ? notes.join(" ") : said.good
    };
  }

  window.legplannerVerdicts = { judgeSet: judgeSet };
})();
