// The library's "move to first / last" arrows are <i role="button">, which the keyboard
// cannot reach: this makes them focusable and pressable with Enter or Space, so a coach
// without a mouse can still put a slot first or last (then fine-tune by dragging or not).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const arrow of document.querySelectorAll(".sort i[role='button']")) {
    arrow.tabIndex = 0;
    arrow.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        arrow.click();
      }
    });
  }
});
