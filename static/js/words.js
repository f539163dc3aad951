/* The words the phone shows, as the server wrote them into the page (tracking/offline.py,
   rendered by templates/tracking/_phone_words.html): no script keeps a copy of its own. */
(function () {
  "use strict";

  // Read at each use, not kept: a few hundred bytes, and what the page says is the truth.
  function all() {
    var block = document.getElementById("phone-words");
    return block ? JSON.parse(block.textContent) : {};
  }

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, key) {
      return values && key in values ? values[key] : whole;
    });
  }

  // say("keptCopy", { fetched: ... }): the named words, their {placeholders} filled.
  function say(name, values) { return fill(all()[name], values); }

  function sets(count) { return say(count === 1 ? "setsOne" : "setsMany", { count: count }); }

  // A load, bar or plate written with the page's decimal mark, as the server writes it
  // (programs.numbers.shown_decimal): "102.5" or "102,5" reads "102,5" on a German page.
  function number(text) { return String(text).replace(/[.,]/, all().decimalMark || "."); }

  // A clone of one of the server's <template>s, or null on a page that has none.
  function clone(id) {
    var template = document.getElementById(id);
    return template ? template.content.cloneNode(true) : null;
  }

  window.legplannerWords = {
    all: all, fill: fill, say: say, sets: sets, number: number, clone: clone
  };
})();
