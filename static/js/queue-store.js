/* The queue of sets made with no network: one IndexedDB store on the phone, every change
   in one transaction, so two tabs cannot interleave a read and a write. */
(function () {
  "use strict";

  var DB_NAME = "legplanner";
  var STORE = "queue";
  var dbPromise = null;

  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  // change(entries) returns { put: [...], remove: [ids] }; read and write are atomic.
  function mutate(change) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, "readwrite");
        var store = tx.objectStore(STORE);
        var read = store.getAll();
        read.onsuccess = function () {
          var plan = change(read.result) || {};
          (plan.remove || []).forEach(function (id) { store.delete(id); });
          (plan.put || []).forEach(function (entry) { store.put(entry); });
        };
        tx.oncomplete = function () { resolve(); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function entries(athlete) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var read = db.transaction(STORE).objectStore(STORE).getAll();
        read.onsuccess = function () {
          resolve(read.result.filter(function (entry) { return entry.athlete === athlete; }));
        };
        read.onerror = function () { reject(read.error); };
      });
    });
  }

  // Logging out: the whole database goes, every athlete's entries with it.
  function forget() {
    return openDb().then(function (db) {
      db.close();
      dbPromise = null;
      return new Promise(function (resolve) {
        var deleting = indexedDB.deleteDatabase(DB_NAME);
        deleting.onsuccess = deleting.onerror = deleting.onblocked = function () { resolve(); };
      });
    });
  }

  window.legplannerStore = { mutate: mutate, entries: entries, forget: forget };
})();
