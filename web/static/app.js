// Every page: the trainer's collection and the compare selection, both kept in this browser (localStorage).
// The server never stores them; pages that show them get the ids in their URL, so they can be shared.
(function () {
  "use strict";
  var KEYS = { collection: "kb.collection", compare: "kb.compare" };
  var COMPARE_MAX = 4;

  function read(key) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function write(key, ids) {
    window.localStorage.setItem(key, JSON.stringify(ids));
    refresh();
  }

  function url(path, ids) {
    return ids.length ? path + "?ids=" + ids.map(encodeURIComponent).join(",") : path;
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function refresh() {
    var collection = read(KEYS.collection);
    var compare = read(KEYS.compare);
    each("[data-collection-count]", function (el) { el.textContent = String(collection.length); });
    each("[data-compare-count]", function (el) { el.textContent = String(compare.length); });
    each("[data-collection-link]", function (a) { a.href = url("/collection", collection); });
    each("[data-compare-link]", function (a) { a.href = compare.length >= 2 ? url("/compare", compare) : "/compare"; });
    each("[data-collect]", function (button) {
      var added = collection.indexOf(button.getAttribute("data-collect")) >= 0;
      button.textContent = added ? "コレクションに追加済み ✓" : "コレクションに追加";
      button.classList.toggle("added", added);
      button.setAttribute("aria-pressed", added ? "true" : "false");
    });
    each("[data-compare]", function (box) {
      box.checked = compare.indexOf(box.getAttribute("data-compare")) >= 0;
      box.disabled = !box.checked && compare.length >= COMPARE_MAX;
    });
    var bar = document.querySelector("[data-compare-bar]");
    if (bar) {
      bar.hidden = compare.length === 0 || document.body.classList.contains("print-page");
      bar.querySelector("[data-compare-summary]").textContent =
        "比較に選んだ事例: " + compare.length + " 件" + (compare.length < 2 ? "(2〜4件で比較できます)" : "");
      var go = bar.querySelector("[data-compare-go]");
      go.href = url("/compare", compare);
      go.hidden = compare.length < 2;
    }
  }

  function toggle(key, id) {
    var ids = read(key);
    var at = ids.indexOf(id);
    if (at >= 0) ids.splice(at, 1); else ids.push(id);
    write(key, ids);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var collect = target.closest("[data-collect]");
    if (collect) toggle(KEYS.collection, collect.getAttribute("data-collect"));
    var all = target.closest("[data-collect-all]");
    if (all) {
      var ids = read(KEYS.collection);
      all.getAttribute("data-collect-all").split(",").forEach(function (id) {
        if (id && ids.indexOf(id) < 0) ids.push(id);
      });
      write(KEYS.collection, ids);
      all.textContent = "コレクションに追加しました ✓";
    }
    if (target.closest("[data-compare-clear]")) write(KEYS.compare, []);
  });

  document.addEventListener("change", function (event) {
    var box = event.target.closest("[data-compare]");
    if (!box) return;
    var ids = read(KEYS.compare).filter(function (id) { return id !== box.getAttribute("data-compare"); });
    if (box.checked && ids.length < COMPARE_MAX) ids.push(box.getAttribute("data-compare"));
    write(KEYS.compare, ids);
  });

  window.addEventListener("storage", refresh); // another tab changed the collection
  window.addEventListener("pageshow", refresh); // back/forward cache
  window.kbStore = { read: read, write: write, url: url, KEYS: KEYS };
  document.documentElement.classList.add("js");
  refresh();
})();
