/* The session page on a phone: steppers, keeping the screen on. Everything here works
   with no network. The rest timer is rest-timer.js: it listens to the ticks' answers. */
(function () {
  "use strict";

  // The coach's read-only copy: nothing to log, no rest to time.
  if (!document.getElementById("rest-timer")) return;

  function decimals(text) {
    var dot = String(text).replace(",", ".").indexOf(".");
    return dot < 0 ? 0 : String(text).length - dot - 1;
  }

  // Steppers: ± one rep, ± the exercise's load increment; never below zero.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.step");
    if (!button) return;
    var input = document.getElementById(button.dataset.target);
    var step = parseFloat(button.dataset.step);
    var current = parseFloat(String(input.value).replace(",", ".")) || 0;
    var places = Math.max(decimals(button.dataset.step), decimals(input.value));
    var next = Math.max(0, current + step);
    // In the page's numbers (102,5 in German), as the lifter reads and types a load.
    input.value = window.legplannerWords.number(parseFloat(next.toFixed(places)));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // A first session starts with empty loads: the load typed for one set is the best
  // guess for the sets after it, so it fills their empty load fields.
  function carryLoadForward(form) {
    var load = form.querySelector("input[name=load]");
    var sets = form.closest("ol.sets");
    if (!load || !load.value || !sets) return;
    sets.querySelectorAll("input[name=load]").forEach(function (other) {
      if (!other.value) other.value = load.value;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.set-form");
    if (form && form.dataset.kind === "tick") carryLoadForward(form);
  }, true);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") keepScreenOn();
  });

  // Keep the screen on while a session is open, where the browser allows it.
  var wakeLock = null;
  function keepScreenOn() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () {});
  }
  keepScreenOn();

  // After a tick the row is swapped out and focus would fall to the page: move it to the
  // next set still to log, so keyboard and screen-reader users keep their place.
  // htmx:load, not afterSwap: an outerHTML swap detaches the old row, whose events no
  // longer bubble up to the body; the new row's load event does.
  document.body.addEventListener("htmx:load", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches(".set-row.is-logged")) return;
    var next = row.parentElement.querySelector(".set-row:not(.is-logged) button.done");
    if (next) next.focus({ preventScroll: true });
  });
})();
