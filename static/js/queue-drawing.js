/* The session page showing sets the phone holds: a set waiting to be sent, a set undone
   before it was, a set the server refused, the session's progress, and the banner. Every
   piece of markup is a clone of one the server put in the page (<template>s in
   templates/tracking/_offline_row_parts.html, _phone_words.html and each set row). */
(function () {
  "use strict";

  var words = window.legplannerWords;

  function field(form, name) {
    var input = form.querySelector("[name=" + name + "]");
    if (!input) return null;
    if (input.type === "radio") {
      var picked = form.querySelector("[name=" + name + "]:checked");
      return picked ? picked.value : null;
    }
    return input.value;
  }

  function setFields(form, fields) {
    Object.keys(fields).forEach(function (name) {
      // A waiting load reads in the page's numbers, as the server will show it once sent.
      var value = name === "load" && fields[name] ? words.number(fields[name]) : fields[name];
      form.querySelectorAll("[name=" + name + "]").forEach(function (input) {
        if (input.type === "radio") input.checked = input.value === String(value);
        else input.value = value;
      });
    });
  }

  function whole(text) {
    return /^\s*\d+\s*$/.test(text || "") ? parseInt(text, 10) : null;
  }

  // The first element of one of the server's <template>s.
  function part(id) {
    var made = words.clone(id);
    return made && made.firstElementChild;
  }

  // {placeholders} in a clone's text and attributes, filled with the phone's values.
  function fillIn(root, values) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = root; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        node.nodeValue = words.fill(node.nodeValue, values);
      } else {
        Array.prototype.forEach.call(node.attributes, function (attribute) {
          attribute.value = words.fill(attribute.value, values);
        });
      }
    }
    return root;
  }

  function clearMarks(row) {
    row.querySelectorAll(".verdict, .test-set-outcome, .error, .notice, .waiting-mark, legend .tag.done, legend .waiting-label")
      .forEach(function (old) { old.remove(); });
  }

  function retarget(form, kind, url) {
    form.dataset.kind = kind;
    form.setAttribute("action", url);
    form.setAttribute("hx-post", url);
  }

  // Each row holds the buttons of its other state in a <template> (_set_row.html): they
  // change places with the ones shown, and the undo button names the row's current UUID.
  function showActions(form, state) {
    var actions = form.querySelector(".actions");
    var kept = form.querySelector("template." + state + "-actions");
    if (kept) {
      var stash = document.createElement("template");
      stash.className = (state === "logged" ? "planned" : "logged") + "-actions";
      actions.childNodes.forEach(function (node) { stash.content.appendChild(node.cloneNode(true)); });
      actions.replaceChildren(kept.content.cloneNode(true));
      kept.replaceWith(stash);
    }
    actions.querySelectorAll("button.undo").forEach(function (undo) {
      undo.setAttribute("formaction", form.dataset.undoUrl);
      undo.setAttribute("hx-post", form.dataset.undoUrl);
    });
  }

  function capitalised(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  function verdictOf(form) {
    var perLeg = form.dataset.perLeg === "true";
    var verdict = window.legplannerVerdicts.judgeAgainstTests({
      reps: perLeg ? null : whole(field(form, "reps")),
      repsLeft: whole(field(form, "reps_left")),
      repsRight: whole(field(form, "reps_right")),
      rir: whole(field(form, "rir")),
      repsMin: parseInt(form.dataset.repsMin, 10),
      repsMax: parseInt(form.dataset.repsMax, 10),
      rirMax: parseInt(form.dataset.rirMax, 10),
      correction: parseInt(form.dataset.correction, 10) || 0,
      exercise: form.dataset.exercise || ""
    });
    var said = part("set-verdict");
    said.classList.add("rep-" + verdict.rep, "effort-" + verdict.effort);
    var chips = said.querySelectorAll(".chip");
    chips[0].textContent = capitalised(verdict.repLabel);
    chips[1].textContent = capitalised(verdict.effortLabel);
    var message = said.querySelector(".message");
    if (verdict.isGood) message.remove();
    else message.textContent = verdict.message;
    return said;
  }

  function showWaiting(row, fields) {
    var form = row.querySelector("form.set-form");
    setFields(form, fields);
    clearMarks(row);
    row.classList.add("is-logged", "is-waiting");
    // Its one line is the server's: a set the phone holds shows its fields instead.
    row.classList.remove("has-errors", "is-collapsed", "is-editing");
    retarget(form, "edit", form.dataset.editUrl);
    form.querySelector("legend").appendChild(part("set-waiting-tag"));
    var actions = form.querySelector(".actions");
    var actual = whole(field(form, "actual_rir"));
    var outcome = actual === null ? null : part("set-test-outcome");
    if (outcome) {
      outcome.textContent = window.legplannerVerdicts.testSetOutcome(whole(field(form, "rir")), actual);
      form.insertBefore(outcome, actions);
    }
    form.insertBefore(verdictOf(form), actions);
    form.insertBefore(part("set-waiting-mark"), actions);
    showActions(form, "logged");
    if (window.htmx) window.htmx.process(row);
  }

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function useUuid(form, uuid) {
    var old = field(form, "uuid");
    form.querySelector("[name=uuid]").value = uuid;
    form.dataset.editUrl = form.dataset.editUrl.replace(old, uuid);
    form.dataset.undoUrl = form.dataset.undoUrl.replace(old, uuid);
  }

  // Back to a set still to log, under a new UUID: the old one names the undone set.
  function showPlanned(row) {
    var form = row.querySelector("form.set-form");
    useUuid(form, newUuid());
    clearMarks(row);
    row.classList.remove("is-logged", "is-waiting", "has-errors", "is-collapsed", "is-editing");
    retarget(form, "tick", form.dataset.tickUrl);
    showActions(form, "planned");
    if (window.htmx) window.htmx.process(row);
  }

  function showRefused(row, reason) {
    var form = row.querySelector("form.set-form");
    row.querySelectorAll(".waiting-mark, .error").forEach(function (old) { old.remove(); });
    row.classList.add("has-errors");
    var error = part("set-error");
    error.textContent = reason;
    form.insertBefore(error, form.querySelector(".actions"));
  }

  // The session's "N of M sets", counted on the page while the server cannot answer;
  // the same count as programs/progress.py: optional and extra sets make up for nothing.
  function showProgress() {
    var out = document.getElementById("session-progress");
    var lists = document.querySelectorAll("ol.sets[data-sets-min]");
    if (!out || !lists.length) return;
    var logged = 0, planned = 0, finished = true;
    lists.forEach(function (list) {
      var done = list.querySelectorAll("li.set-row.is-logged").length;
      var least = parseInt(list.dataset.setsMin, 10);
      logged += done;
      planned += least;
      if (done < least) finished = false;
    });
    var drawn = part("progress-" + (finished ? "finished" : "unfinished") + (logged > planned ? "-over" : ""));
    if (!drawn) return;
    fillIn(drawn, { logged: logged, planned: planned });
    out.className = drawn.className;
    out.replaceChildren.apply(out, Array.prototype.slice.call(drawn.childNodes));
  }

  function rowFor(entry) {
    if (entry.kind === "tick") {
      var row = document.getElementById(entry.rowId);
      return row && row.matches("li.set-row") ? row : null;
    }
    var input = document.querySelector("li.set-row input[name=uuid][value='" + entry.uuid + "']");
    return input ? input.closest("li.set-row") : null;
  }

  // A page drawn before the queue (reloaded, or kept on the phone) shows it again.
  function showQueue(queue) {
    queue.forEach(function (entry) {
      var row = rowFor(entry);
      if (!row) return;
      if (entry.state === "refused") { showRefused(row, entry.reason); return; }
      if (entry.kind === "undo") { showPlanned(row); return; }
      if (entry.kind === "tick") {
        if (row.classList.contains("is-logged") && !row.classList.contains("is-waiting")) return;
        useUuid(row.querySelector("form.set-form"), entry.uuid);
      }
      showWaiting(row, entry.fields);
    });
    if (queue.length) showProgress();
  }

  // The banner: how many sets wait, and what the server refused. how: { needsLogin,
  // sendNow(), dismiss(entry) }.
  function showBanner(queue, how) {
    var banner = document.getElementById("queue-banner");
    if (!banner) return;
    var waiting = queue.filter(function (entry) { return entry.state === "waiting"; });
    var refused = queue.filter(function (entry) { return entry.state === "refused"; });
    var sets = words.sets(window.legplannerQueueRules.waitingSets(queue));
    banner.replaceChildren();
    banner.hidden = !waiting.length && !refused.length;
    if (waiting.length) {
      var lines = words.clone(how.needsLogin ? "queue-login" : "queue-waiting");
      lines.querySelector(".sets").textContent = sets;
      var login = lines.querySelector("a");
      if (login) {
        var next = encodeURIComponent(location.pathname + location.search);
        login.setAttribute("href", login.getAttribute("href") + "?next=" + next);
      }
      var now = lines.querySelector(".send-now");
      if (now) now.addEventListener("click", function () { how.sendNow(); });
      banner.appendChild(lines);
    }
    refused.forEach(function (entry) {
      var item = part("queue-refused");
      item.querySelector(".reason").textContent = entry.reason;
      item.querySelector(".discard").addEventListener("click", function () { how.dismiss(entry); });
      banner.appendChild(item);
    });
  }

  window.legplannerDrawing = {
    field: field,
    whole: whole,
    rowFor: rowFor,
    waiting: showWaiting,
    planned: showPlanned,
    refused: showRefused,
    progress: showProgress,
    queue: showQueue,
    banner: showBanner
  };
})();
