// What this browser keeps (localStorage): named collections — documents with a title, notes and an ordered
// list of case ids, one of them active (the one 「コレクションに追加」 adds to) — and the compare selection.
// The server never stores them; pages that show them get the ids in their URL, so they can be shared.
(function () {
  "use strict";
  document.documentElement.classList.add("js"); // loaded in <head> without defer: styles for JS apply at once
  var KEYS = { collections: "kb.collections", legacy: "kb.collection", compare: "kb.compare" };
  var MAX_IDS = 50; // the server's limit for one collection or export
  var COMPARE_MAX = 4;
  var DEFAULT_TITLE = "マイコレクション";
  var listeners = [];

  function strings(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string" && v; }) : [];
  }

  function parse(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }

  function clean(c) {
    return { id: String(c.id), title: typeof c.title === "string" ? c.title : DEFAULT_TITLE,
             notes: typeof c.notes === "string" ? c.notes : "", ids: strings(c.ids).slice(0, MAX_IDS) };
  }

  // The saved state, with the single list of the first version carried over as 「マイコレクション」.
  function load() {
    var state = parse(KEYS.collections, null);
    if (state && Array.isArray(state.items)) {
      var items = state.items.filter(function (c) { return c && c.id; }).map(clean);
      return { active: state.active, items: items };
    }
    var legacy = strings(parse(KEYS.legacy, []));
    return legacy.length ? { active: "c1", items: [clean({ id: "c1", title: DEFAULT_TITLE, ids: legacy })] }
                         : { active: null, items: [] };
  }

  function save(state) {
    window.localStorage.setItem(KEYS.collections, JSON.stringify({ version: 2, active: state.active, items: state.items }));
    window.localStorage.removeItem(KEYS.legacy);
    changed();
  }

  function changed() {
    listeners.forEach(function (fn) { fn(); });
  }

  function newId() {
    return "c" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  }

  function copy(c) {
    return c ? { id: c.id, title: c.title, notes: c.notes, ids: c.ids.slice() } : null;
  }

  function find(state, id) {
    for (var i = 0; i < state.items.length; i++) if (state.items[i].id === id) return state.items[i];
    return null;
  }

  function collections() {
    return load().items.map(copy);
  }

  function get(id) {
    return copy(find(load(), id));
  }

  function active() {
    var state = load();
    return copy(find(state, state.active) || state.items[0] || null);
  }

  // A title not yet taken: 「新しいコレクション」, 「新しいコレクション 2」 ...
  function freeTitle(base) {
    var taken = collections().map(function (c) { return c.title; });
    if (taken.indexOf(base) < 0) return base;
    for (var n = 2; ; n++) if (taken.indexOf(base + " " + n) < 0) return base + " " + n;
  }

  function create(fields) {
    var state = load();
    var c = clean({ id: newId(), title: fields.title || freeTitle(DEFAULT_TITLE), notes: fields.notes, ids: fields.ids });
    state.items.push(c);
    state.active = c.id;
    save(state);
    return copy(c);
  }

  // The active collection, made (empty, 「マイコレクション」) if this browser has none yet.
  function ensure() {
    return active() || create({ title: DEFAULT_TITLE, ids: [] });
  }

  function update(id, fields) {
    var state = load();
    var c = find(state, id);
    if (!c) return null;
    if (fields.title !== undefined) c.title = fields.title;
    if (fields.notes !== undefined) c.notes = fields.notes;
    if (fields.ids !== undefined) c.ids = strings(fields.ids).slice(0, MAX_IDS);
    save(state);
    return copy(c);
  }

  function setActive(id) {
    var state = load();
    if (!find(state, id)) return;
    state.active = id;
    save(state);
  }

  // Deletes a collection; returns what `restore` needs to bring it back where it was.
  function remove(id) {
    var state = load();
    var at = state.items.findIndex(function (c) { return c.id === id; });
    if (at < 0) return null;
    var gone = { collection: copy(state.items[at]), at: at, wasActive: state.active === id };
    state.items.splice(at, 1);
    if (gone.wasActive) state.active = state.items.length ? state.items[Math.min(at, state.items.length - 1)].id : null;
    save(state);
    return gone;
  }

  function restore(gone) {
    var state = load();
    if (find(state, gone.collection.id)) return;
    state.items.splice(Math.min(gone.at, state.items.length), 0, clean(gone.collection));
    if (gone.wasActive) state.active = gone.collection.id;
    save(state);
  }

  // Adds ids (not yet in it) to a collection, up to MAX_IDS; returns how many were added and how many did not fit.
  function addIds(id, ids) {
    var c = get(id);
    if (!c) return { added: 0, left: ids.length };
    var added = 0;
    var left = 0;
    ids.forEach(function (caseId) {
      if (c.ids.indexOf(caseId) >= 0) return;
      if (c.ids.length >= MAX_IDS) { left++; return; }
      c.ids.push(caseId);
      added++;
    });
    update(id, { ids: c.ids });
    return { added: added, left: left };
  }

  function readCompare() {
    return strings(parse(KEYS.compare, [])).slice(0, COMPARE_MAX);
  }

  function writeCompare(ids) {
    window.localStorage.setItem(KEYS.compare, JSON.stringify(ids));
    changed();
  }

  function url(path, ids, extra) {
    var query = ids.length ? ["ids=" + ids.map(encodeURIComponent).join(",")] : [];
    Object.keys(extra || {}).forEach(function (key) {
      if (extra[key]) query.push(key + "=" + encodeURIComponent(extra[key]));
    });
    return query.length ? path + "?" + query.join("&") : path;
  }

  // The collection page of one of this browser's collections (`c` says whose it is; a shared link has none).
  function collectionUrl(c) {
    return c ? url("/collection", c.ids, { c: c.id }) : "/collection";
  }

  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf("kb.") === 0) changed(); // another tab changed something
  });

  window.kbStore = {
    MAX_IDS: MAX_IDS, COMPARE_MAX: COMPARE_MAX, DEFAULT_TITLE: DEFAULT_TITLE,
    collections: collections, get: get, active: active, ensure: ensure, create: create, update: update,
    setActive: setActive, remove: remove, restore: restore, addIds: addIds, freeTitle: freeTitle,
    compare: { read: readCompare, write: writeCompare },
    url: url, collectionUrl: collectionUrl,
    onChange: function (fn) { listeners.push(fn); },
  };
})();
