/* The session page's rows: a logged set opens with Edit, an edit left behind is saved,
   a refused set sends focus back to its field, and a first session's values flow down
   to the sets still to log. The rest timer (its own script) is not started from here. */
(function () {
  "use strict";

  var ROW = "li.set-row";
  var VALUES = "input[name=load], input[name=reps], input[name=reps_left], input[name=reps_right]";

  function changed(form) {
    return Array.prototype.some.call(form.elements, function (input) {
      if (input.type === "radio" || input.type === "checkbox") return input.checked !== input.defaultChecked;
      return input.type === "text" && input.value !== input.defaultValue;
    });
  }

  function openRow(row) {
    row.classList.remove("is-collapsed");
    var edit = row.querySelector("button.edit");
    if (edit) edit.setAttribute("aria-expanded", "true");
    var first = row.querySelector(".fields input");
    if (first) first.focus();
  }

  // A row opened by Edit and left (a tap or focus elsewhere): saved if it was changed,
  // folded back if not, so no change is lost without a word.
  function leaveOpenRows(target) {
    document.querySelectorAll(ROW + ".is-logged.is-editing").forEach(function (row) {
      if (row.contains(target)) return;
      row.classList.remove("is-editing");
      var form = row.querySelector("form.set-form");
      if (form && changed(form)) {
        form.requestSubmit();
      } else {
        row.classList.add("is-collapsed");
        var edit = row.querySelector("button.edit");
        if (edit) edit.setAttribute("aria-expanded", "false");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var edit = event.target.closest("button.edit");
    if (!edit) return;
    var row = edit.closest(ROW);
    row.classList.add("is-editing");
    openRow(row);
  });
  document.addEventListener("pointerdown", function (event) { leaveOpenRows(event.target); }, true);
  document.addEventListener("focusin", function (event) { leaveOpenRows(event.target); });
  // Leaving the page cannot save: the browser asks first.
  window.addEventListener("beforeunload", function (event) {
    var open = document.querySelector(ROW + ".is-editing");
    if (open && changed(open.querySelector("form.set-form"))) event.preventDefault();
  });

  // The load and reps typed on a set still to log fill the sets below it that are not
  // logged yet, unless the lifter made one of them different.
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(VALUES)) return;
    var row = input.closest(ROW);
    if (!row || row.classList.contains("is-logged")) return;
    var before = "was" in input.dataset ? input.dataset.was : input.defaultValue;
    input.dataset.was = input.value;
    var below = false;
    row.parentElement.querySelectorAll(ROW).forEach(function (other) {
      if (other === row) { below = true; return; }
      if (!below || other.classList.contains("is-logged")) return;
      var same = other.querySelector("input[name=" + input.name + "]");
      if (same && (same.value === before || same.value === "")) {
        same.value = input.value;
        same.dataset.was = input.value;
      }
    });
  });

  // A set refused (a missing load): the field to correct has focus, its message beside it.
  document.body.addEventListener("htmx:load", function (event) {
    var row = event.target;
    if (!row.matches || !row.matches(ROW + ".has-errors")) return;
    var field = row.querySelector("[aria-invalid=true]");
    if (field) field.focus();
  });
})();
