// "Copy link" beside a read-only link field: shown only when this script runs, so without
// JavaScript the field alone remains, to select and copy by hand. Its words come from the
// page (data-copied, data-copy-failed), in the coach's language.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copy-status="' + button.dataset.copy + '"]');
    if (!field) return;
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) return; // not a secure page: selecting is all we can do
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = status.dataset.copied; },
        function () { if (status) status.textContent = status.dataset.copyFailed; }
      );
    });
  });
})();
