// Every page: the header's counts and links, the 「コレクションに追加」 buttons (they add to the active collection)
// and the compare selection with its bar. What is kept lives in store.js (kbStore); messages in toast.js.
(function () {
  "use strict";
  var store = window.kbStore;
  var toast = window.kbToast;

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function refresh() {
    var active = store.active();
    var ids = active ? active.ids : [];
    var compare = store.compare.read();
    each("[data-collection-count]", function (el) { el.textContent = String(ids.length); });
    each("[data-compare-count]", function (el) { el.textContent = String(compare.length); });
    each("[data-collection-link]", function (a) {
      a.href = store.collectionUrl(active);
      a.title = active ? "「" + active.title + "」(" + ids.length + " 件)" : "";
    });
    each("[data-compare-link]", function (a) { a.href = compare.length >= 2 ? store.url("/compare", compare) : "/compare"; });
    each("[data-collect]", function (button) {
      var added = ids.indexOf(button.getAttribute("data-collect")) >= 0;
      button.textContent = added ? "コレクションに追加済み ✓" : "コレクションに追加";
      button.classList.toggle("added", added);
      button.setAttribute("aria-pressed", added ? "true" : "false");
      var where = active ? "「" + active.title + "」" : "";
      button.title = where && where + (added ? "に入っています(押すと外します)" : "に追加します");
    });
    each("[data-compare]", function (box) {
      box.checked = compare.indexOf(box.getAttribute("data-compare")) >= 0;
      box.disabled = !box.checked && compare.length >= store.COMPARE_MAX;
    });
    var bar = document.querySelector("[data-compare-bar]");
    if (bar) {
      bar.hidden = compare.length === 0 || document.body.classList.contains("print-page");
      var wide = document.createElement("span");
      wide.className = "wide-only";
      wide.textContent = "に選んだ事例";
      bar.querySelector("[data-compare-summary]").replaceChildren(
        "比較", wide, ": " + compare.length + " 件" + (compare.length < 2 ? "(2〜4件で比較できます)" : ""));
      var go = bar.querySelector("[data-compare-go]");
      go.href = store.url("/compare", compare);
      go.hidden = compare.length < 2;
    }
  }

  // 「コレクションに追加」 toggles the case in the active collection (made on the first add) and says where it went.
  function collect(id) {
    var c = store.ensure();
    var before = c.ids.slice();
    var at = c.ids.indexOf(id);
    if (at >= 0) {
      c.ids.splice(at, 1);
      store.update(c.id, { ids: c.ids });
      toast.show("「" + c.title + "」から外しました", { undo: function () { store.update(c.id, { ids: before }); } });
      return;
    }
    if (c.ids.length >= store.MAX_IDS) {
      toast.show("「" + c.title + "」は " + store.MAX_IDS + " 件でいっぱいです。新しいコレクションを作ってください。", {
        link: { href: store.collectionUrl(c), text: "コレクションを開く" },
      });
      return;
    }
    store.update(c.id, { ids: c.ids.concat([id]) });
    toast.show("「" + c.title + "」に追加しました(" + (c.ids.length + 1) + " 件)", {
      undo: function () { store.update(c.id, { ids: before }); },
      link: { href: store.collectionUrl(store.get(c.id)), text: "開く" },
    });
  }

  function collectAll(button) {
    var c = store.ensure();
    var result = store.addIds(c.id, button.getAttribute("data-collect-all").split(",").filter(Boolean));
    button.textContent = "コレクションに追加しました ✓";
    var left = result.left ? "(" + result.left + " 件は上限 " + store.MAX_IDS + " 件を超えるため入りません)" : "";
    toast.show("「" + c.title + "」に " + result.added + " 件を追加しました" + left, {
      undo: function () { store.update(c.id, { ids: c.ids }); button.textContent = "すべてコレクションに追加"; },
      link: { href: store.collectionUrl(store.get(c.id)), text: "開く" },
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest("[data-collect]");
    if (button) collect(button.getAttribute("data-collect"));
    var all = target.closest("[data-collect-all]");
    if (all) collectAll(all);
    if (target.closest("[data-compare-clear]")) store.compare.write([]);
  });

  document.addEventListener("change", function (event) {
    var box = event.target.closest("[data-compare]");
    if (!box) return;
    var id = box.getAttribute("data-compare");
    var ids = store.compare.read().filter(function (other) { return other !== id; });
    if (box.checked && ids.length < store.COMPARE_MAX) ids.push(id);
    store.compare.write(ids);
  });

  store.onChange(refresh); // this page or another tab changed what is kept
  window.addEventListener("pageshow", refresh); // back/forward cache
  refresh();
})();
