/* The set-up form: guess the time zone and today's date from the phone; both stay
   editable. Loaded only before the form is first sent, so a refused form keeps what the
   lifter chose. */
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var select = document.getElementById("id_time_zone");
  if (zone && select && Array.prototype.some.call(select.options, function (o) { return o.value === zone; })) {
    select.value = zone;
  }
  var start = document.getElementById("id_start_date");
  var now = new Date();
  if (start) {
    start.value = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map(function (n) { return String(n).padStart(2, "0"); }).join("-");
  }
})();
