/* The verdict rules of tracking/verdicts.py (and a test set's outcome), on the phone: a set ticked with no network
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

  // judge_set_against_tests: the RIR the lifter's test sets say they had (the page gives
  // the exercise's correction and its name as a sentence holds it), said beside the typed
  // one when the two differ.
  function judgeAgainstTests(set) {
    var corrected = Math.max(0, set.rir + (set.correction || 0));
    var verdict = judgeSet(Object.assign({}, set, { rir: corrected }));
    if (corrected !== set.rir) {
      verdict.message = words.fill(words.all().verdicts.corrected, {
        rir: set.rir, corrected: corrected, exercise: set.exercise
      }) + " " + verdict.message;
    }
    return verdict;
  }

  // tracking/calibration.test_set_outcome, in the server's words (testSet).
  function testSetOutcome(predicted, actual) {
    var said = words.all().testSet;
    var difference = actual - predicted;
    var pattern = difference > 0 ? said.more : difference < 0 ? said.fewer : said.spotOn;
    return words.fill(pattern, { said: predicted, did: actual, difference: Math.abs(difference) });
  }

  window.legplannerVerdicts = {
    judgeSet: judgeSet, judgeAgainstTests: judgeAgainstTests, testSetOutcome: testSetOutcome
  };
})();
