/* The plate calculator on the phone: the line under a barbell set's load follows the load
   as it is typed or stepped. The rule is tracking/plates.py's, copied; the bar, plates and
   words are the server's (#plate-setup), and tests/e2e/test_plates.py runs both over one
   table of cases. Loads are counted in hundredths, so 1.25 plates add up exactly. */
(function () {
  "use strict";

  var words = window.legplannerWords;

  function hundredths(text) { return Math.round(parseFloat(text) * 100); }
  function shown(amount) { return words.number(amount / 100); }
  function sum(list) { return list.reduce(function (a, b) { return a + b; }, 0); }

  // Heaviest first, both sides at once: a pair of plates is twice the plate.
  function greedy(both, plates) {
    var taken = [];
    plates.forEach(function (plate) {
      var count = Math.floor(both / (2 * plate));
      for (var i = 0; i < count; i += 1) taken.push(plate);
      both -= 2 * plate * count;
    });
    return { plates: taken, left: both };
  }

  function perSide(load, bar, available) {
    var plates = available.filter(function (plate, index) {
      return plate > 0 && available.indexOf(plate) === index;
    }).sort(function (a, b) { return b - a; });
    if (load <= bar || !plates.length) return { plates: [], load: bar, exact: load === bar };
    var under = greedy(load - bar, plates);
    if (!under.left) return { plates: under.plates, load: load, exact: true };
    var underLoad = bar + 2 * sum(under.plates);
    var smallest = plates[plates.length - 1];
    var overLoad = underLoad + 2 * smallest;
    if (load - underLoad <= overLoad - load) return { plates: under.plates, load: underLoad, exact: false };
    var over = greedy(overLoad - bar, plates);
    return { plates: over.left ? under.plates.concat([smallest]) : over.plates, load: overLoad, exact: false };
  }

  // The line for a load as typed ("102,5" too); nothing for what is not a load.
  function line(typed, setup) {
    var pattern = new RegExp("^(?:" + words.all().decimalPattern + ")$");
    var text = String(typed || "").trim();
    if (!pattern.test(text)) return "";
    var said = setup.words;
    var load = hundredths(text.replace(",", "."));
    var bar = hundredths(setup.bar);
    if (load < bar) return words.fill(said.underTheBar, { bar: shown(bar), unit: setup.unit });
    var made = perSide(load, bar, setup.plates.map(hundredths));
    var plates = made.plates.map(shown).join(said.joiner) || said.noPlates;
    if (made.exact) return words.fill(said.perSide, { plates: plates });
    return words.fill(said.notExact, {
      plates: plates, nearest: shown(made.load), load: shown(load), unit: setup.unit
    });
  }

  window.legplannerPlates = { line: line };

  var block = document.getElementById("plate-setup");
  if (!block) return;
  var setup = JSON.parse(block.textContent);
  function follow(out) {
    var input = document.getElementById(out.dataset.load);
    if (input) out.textContent = line(input.value, setup);
  }
  function followAll() { document.querySelectorAll(".plates[data-load]").forEach(follow); }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.name !== "load" || !input.id) return;
    var out = document.querySelector("[data-load='" + input.id + "']");
    if (out) follow(out);
  });
  // A load typed on one set fills the empty loads below it (session.js) without an input
  // event: after a Done, every line follows its field again.
  document.addEventListener("submit", function () { setTimeout(followAll, 0); });
})();
