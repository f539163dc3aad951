/* Legplanner's service worker: the app's pages and files on the phone, for the gym
   with no signal. Written by hand rather than with Workbox: it needs two strategies
   and a small map of days, which is less code than the library's runtime; the queue
   of ticks lives in the page (static/js/queue-*.js), because replaying a tick needs
   the login's CSRF cookie, which a worker cannot read. */
"use strict";

var VERSION = "{{ version }}";
var SHELL = {{ shell|safe }};
var STATIC_PREFIX = {{ static_prefix|safe }};
var OFFLINE_URL = {{ offline_url|safe }};
var TODAY_URL = {{ today_url|safe }};

var SHELL_CACHE = "legplanner-shell-" + VERSION;
var PAGES_CACHE = "legplanner-pages";
// Which kept page answers /today/ on which date, filled when the week page is seen.
var DAYS_KEY = "/__legplanner/days.json";
// whitenoise names a file by its content's hash: such a file never changes.
var HASHED = /\.[0-9a-f]{12}\.\w+$/;
var KEEP_HEADER = "X-Legplanner-Offline";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) { return cache.addAll(SHELL); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("legplanner-shell-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;  // ticks go to the network; the page queues them
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    var answer = fetch(request);
    event.respondWith(page(answer, request, url));
    event.waitUntil(answer.then(function (response) {
      return followLanguage(response.headers.get("Content-Language"));
    }, function () { /* no signal: the phone keeps what it has */ }));
  } else if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
  }
});

function kept(response) {
  return response.ok && !response.redirected && response.headers.get(KEEP_HEADER) === "keep";
}

function keep(url, response) {
  return caches.open(PAGES_CACHE).then(function (cache) { return cache.put(url, response); });
}

// Network first, so a page is never older than it must be; the copy is for no signal.
function page(answer, request, url) {
  return answer.then(function (response) {
    if (kept(response)) keep(request.url, response.clone());
    return response;
  }).catch(function () {
    return keptPage(request.url).then(function (found) {
      return found || dayFallback(url);
    }).then(function (found) {
      return found || caches.match(OFFLINE_URL);
    });
  });
}

// The page learns it came from the phone, and shows when it was fetched.
function keptPage(url) {
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(url);
  }).then(function (response) {
    if (!response) return null;
    return response.text().then(function (html) {
      // The kept page's own headers go with it: its Content-Security-Policy above all.
      var headers = new Headers(response.headers);
      headers.set("Content-Type", "text/html; charset=utf-8");
      return new Response(html.replace('data-served="network"', 'data-served="cache"'), {
        status: 200,
        headers: headers
      });
    });
  });
}

function localDate(now) {
  function two(n) { return String(n).padStart(2, "0"); }
  return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
}

// /today/ and / with no signal: today's kept session, else this week's kept page.
function dayFallback(url) {
  if (url.pathname !== TODAY_URL && url.pathname !== "/") return null;
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.match(DAYS_KEY).then(function (response) {
      return response ? response.json() : {};
    }).then(function (days) {
      var day = days[localDate(new Date())] || {};
      var choices = [day.session, day.week].filter(Boolean);
      return (function next() {
        var choice = choices.shift();
        if (!choice) return null;
        return cache.match(choice).then(function (found) {
          return found ? Response.redirect(choice, 302) : next();
        });
      })();
    });
  });
}

// What the phone keeps holds words: the offline page and the kept pages are in the
// language they were fetched in. A page fetched online says the lifter's language now
// (Django's LocaleMiddleware sends Content-Language, after the account's choice); when
// the kept offline page says another, the lifter switched, and everything kept is
// fetched again, so the basement speaks the language last used online. The offline page
// goes last: it marks the switch done, so a refresh the signal cut is tried again.
var following = {};  // language -> its refresh under way, asked once however many pages

function followLanguage(language) {
  if (!language) return Promise.resolve();  // a redirect: its headers are not ours to read
  if (!following[language]) {
    following[language] = caches.match(OFFLINE_URL).then(function (offline) {
      if (offline && offline.headers.get("Content-Language") === language) return;
      return refreshKept(language).then(refreshOffline);
    }).catch(function () { /* the signal went: the next page online tries again */ })
      .then(function () { delete following[language]; });
  }
  return following[language];
}

function refreshOffline() {
  return fetch(OFFLINE_URL, { cache: "no-store" }).then(function (response) {
    if (!response.ok) return;
    return caches.open(SHELL_CACHE).then(function (cache) {
      return cache.put(OFFLINE_URL, response);
    });
  });
}

function refreshKept(language) {
  return caches.open(PAGES_CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        return cache.match(request).then(function (found) {
          // The map of days has no language; a page already in this one stays.
          var said = found && found.headers.get("Content-Language");
          if (!said || said === language) return;
          return fetch(request.url, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) {
              if (kept(response)) return cache.put(request, response);
            });
        });
      }));
    });
  });
}

function cacheFirst(request) {
  return caches.match(request).then(function (found) {
    return found || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(SHELL_CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (found) {
      return found || Response.error();
    });
  });
}

// The week page asks to keep its sessions, so a lifter who looked at the week at home
// can open any of its sessions in the gym.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep") return;
  event.waitUntil(keepPages(data.pages || [], data.days || []));
});

function keepPages(pages, days) {
  return Promise.all(pages.map(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (kept(response)) return keep(new URL(url, self.location.origin).href, response);
    }).catch(function () { /* no signal now: kept on the next visit */ });
  })).then(function () {
    return caches.open(PAGES_CACHE);
  }).then(function (cache) {
    return cache.match(DAYS_KEY).then(function (response) {
      return response ? response.json() : {};
    }).then(function (known) {
      days.forEach(function (day) { known[day.date] = { week: day.week, session: day.session }; });
      return cache.put(DAYS_KEY, new Response(JSON.stringify(known), {
        headers: { "Content-Type": "application/json" }
      }));
    });
  });
}
