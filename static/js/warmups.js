// Warm-up ticks live on this phone only (localStorage, keyed by session, slot and step):
// warm-up sets are never hard sets nor in progression, so the server never sees them.
(function () {
  "use strict";
  function key(ramp, box) {
    return "warmup:" + ramp.dataset.session + ":" + ramp.dataset.prescription + ":" + box.dataset.step;
  }
  function store(action, name) {
    try { return action(window.localStorage, name); } catch (e) { return null; } // private mode
  }
  document.querySelectorAll("details.warm-up").forEach(function (ramp) {
    ramp.querySelectorAll("input[data-step]").forEach(function (box) {
      box.checked = store(function (s, k) { return s.getItem(k); }, key(ramp, box)) === "1";
      box.addEventListener("change", function () {
        store(function (s, k) { return box.checked ? s.setItem(k, "1") : s.removeItem(k); }, key(ramp, box));
      });
    });
  });
})();
