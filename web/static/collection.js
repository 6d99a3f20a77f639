// The collection page shows the ids of its URL (the server renders them, so it works without JS). With JS it is a
// document: one of this browser's collections (`?c=` names it) whose title, notes and order are saved as you go,
// or a shared copy (a link without `c`) that changes nothing of yours until you save it or add it to yours.
// Reorder (↑↓, Alt+↑/↓), remove and clear happen in place, each with 「元に戻す」; the exports carry title and notes.
(function () {
  "use strict";
  var store = window.kbStore;
  var toast = window.kbToast;
  var root = document.querySelector("[data-collection]");
  if (!root) return;
  var FOCUS_TITLE = "kb.focus-title";
  var params = new URLSearchParams(window.location.search);
  var asked = [];
  params.getAll("ids").join(",").split(",").forEach(function (id) {
    id = id.trim();
    if (id && asked.indexOf(id) < 0) asked.push(id);
  });
  var mine = params.get("c") ? store.get(params.get("c")) : null;

  if (!mine && !asked.length) { // plain /collection: open the active collection
    window.location.replace(store.collectionUrl(store.ensure()));
    return;
  }
  if (mine && mine.ids.join(",") !== asked.join(",")) { // an old address of a collection that has changed since
    window.location.replace(store.collectionUrl(mine));
    return;
  }

  var list = root.querySelector("[data-list]");
  var nodes = {}; // every item the page has shown, by id: a removed one comes back as it was
  Array.prototype.forEach.call(list.querySelectorAll("[data-item]"), function (li) { nodes[li.getAttribute("data-item")] = li; });
  var doc = { ids: (root.getAttribute("data-ids") || "").split(",").filter(Boolean),
              title: params.get("title") || "", notes: params.get("notes") || "" };
  var deleted = null; // what store.remove returned, while 「元に戻す」 can bring it back
  var titleInput = root.querySelector("[data-title]");
  var notesInput = root.querySelector("[data-notes]");

  if (mine) {
    doc.title = mine.title;
    doc.notes = mine.notes;
    store.setActive(mine.id);
  }

  function $(selector) { return root.querySelector(selector); }

  function itemTitle(id) {
    var link = nodes[id] && nodes[id].querySelector("[data-item-title]");
    return link ? link.textContent.trim() : id;
  }

  function exportUrl(fmt) {
    var path = fmt === "print" ? "/collection/print" : "/collection/export." + fmt;
    return store.url(path, doc.ids, { title: doc.title.trim(), notes: doc.notes.trim() });
  }

  function shareUrl() {
    var meta = { title: doc.title.trim(), notes: doc.notes.trim() };
    return window.location.origin + store.url("/collection", doc.ids, meta);
  }

  function pageUrl() {
    return mine ? store.collectionUrl(mine) : store.url("/collection", doc.ids, { title: doc.title, notes: doc.notes });
  }

  function renderTabs() {
    var tabs = $("[data-tabs]");
    var items = store.collections().map(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = store.collectionUrl(c);
      a.textContent = (c.title.trim() || "(無題)") + " ";
      var count = document.createElement("span");
      count.className = "tab-count";
      count.textContent = c.ids.length + " 件";
      a.append(count);
      if (mine && c.id === mine.id && !deleted) a.setAttribute("aria-current", "page");
      li.append(a);
      return li;
    });
    if (!mine) {
      var shared = document.createElement("li");
      shared.className = "shared-tab";
      shared.setAttribute("aria-current", "page");
      shared.textContent = "共有されたコレクション(未保存)";
      items.unshift(shared);
    }
    tabs.replaceChildren.apply(tabs, items);
  }

  function renderShared() {
    $("[data-shared-notice]").hidden = Boolean(mine);
    if (mine) return;
    var target = store.active();
    var merge = $("[data-merge]");
    merge.hidden = !target; // a first visit has nothing to add to: saving is the choice
    if (target) merge.textContent = "今のコレクション「" + target.title + "」に追加";
    var same = store.collections().filter(function (c) { return c.ids.join(",") === doc.ids.join(","); })[0];
    var note = $("[data-shared-same]");
    note.hidden = !same || !doc.ids.length;
    if (same) {
      var a = document.createElement("a");
      a.href = store.collectionUrl(same);
      a.textContent = "「" + same.title + "」を開く";
      note.replaceChildren("あなたの「" + same.title + "」と同じ事例・同じ順です。", a);
    }
  }

  // Everything the page shows follows `doc` (and `mine`): the list, the links, the URL and what is saved.
  function render() {
    var focused = document.activeElement;
    var items = doc.ids.map(function (id) { return nodes[id]; }).filter(Boolean);
    list.replaceChildren.apply(list, items);
    items.forEach(function (li, i) {
      li.querySelector('[data-move="-1"]').disabled = i === 0;
      li.querySelector('[data-move="1"]').disabled = i === items.length - 1;
    });
    if (focused && list.contains(focused) && document.activeElement !== focused) keepFocus(focused);
    var gone = Boolean(deleted);
    $("[data-deleted-notice]").hidden = !gone;
    $("[data-meta]").hidden = gone;
    $("[data-collection-empty]").hidden = gone || items.length > 0;
    $("[data-collection-body]").hidden = gone || items.length === 0;
    Array.prototype.forEach.call(root.querySelectorAll("[data-export]"), function (a) {
      a.href = exportUrl(a.getAttribute("data-export"));
    });
    var compare = $("[data-compare-these]");
    compare.hidden = items.length < 2 || items.length > 4;
    compare.href = store.url("/compare", doc.ids);
    $('[data-meta] input[name="ids"]').value = doc.ids.join(",");
    if (mine && !gone) mine = store.update(mine.id, { ids: doc.ids, title: doc.title, notes: doc.notes }) || mine;
    var address = gone ? "/collection" : pageUrl();
    if (address !== window.location.pathname + window.location.search) window.history.replaceState(null, "", address);
    $("[data-delete-collection]").hidden = !mine || gone;
    document.title = (doc.title.trim() || "コレクション") + " | 自治体DX事例ナレッジベース";
    renderTabs();
    renderShared();
  }

  // A moved button that is now disabled (the top ↑, the bottom ↓) hands focus to its partner.
  function keepFocus(el) {
    if (el.disabled) {
      var partner = el.parentNode.querySelector('[data-move="' + -Number(el.getAttribute("data-move")) + '"]');
      if (partner) el = partner;
    }
    el.focus();
  }

  function move(id, by, focus) {
    var at = doc.ids.indexOf(id);
    var to = at + by;
    if (at < 0 || to < 0 || to >= doc.ids.length) return;
    doc.ids.splice(at, 1);
    doc.ids.splice(to, 0, id);
    render();
    if (focus) keepFocus(focus);
    toast.say("「" + itemTitle(id) + "」を " + (to + 1) + " 番目に移しました(全 " + doc.ids.length + " 件)");
  }

  function focusAfterRemoval(at) {
    var next = doc.ids[at] || doc.ids[at - 1];
    if (next) nodes[next].querySelector("[data-remove]").focus();
    else $("[data-collection-empty] a").focus();
  }

  function remove(id) {
    var before = doc.ids.slice();
    var at = doc.ids.indexOf(id);
    doc.ids.splice(at, 1);
    render();
    focusAfterRemoval(at);
    toast.show("「" + itemTitle(id) + "」を外しました", {
      undo: function () { doc.ids = before; render(); nodes[id].querySelector("[data-remove]").focus(); },
    });
  }

  function clear() {
    var before = doc.ids.slice();
    doc.ids = [];
    render();
    toast.show(before.length + " 件をすべて外しました", {
      undo: function () { doc.ids = before; render(); $("[data-clear-collection]").focus(); },
    }).focus();
  }

  function adopt() {
    var before = store.active();
    var title = doc.title.trim() || store.freeTitle("共有されたコレクション");
    var saved = mine = store.create({ title: title, notes: doc.notes, ids: doc.ids });
    doc.title = titleInput.value = saved.title;
    render();
    titleInput.focus();
    toast.show("「" + saved.title + "」としてこのブラウザに保存しました。題名はここで変えられます。", {
      undo: function () {
        store.remove(saved.id);
        if (before) store.setActive(before.id);
        mine = null;
        render();
        $("[data-adopt]").focus();
      },
    });
  }

  function merge() {
    var target = store.ensure();
    var result = store.addIds(target.id, doc.ids);
    var already = doc.ids.length - result.added - result.left;
    var message = "「" + target.title + "」に " + result.added + " 件を追加しました" +
      (already ? "(" + already + " 件は入っていました)" : "") +
      (result.left ? "(" + result.left + " 件は上限 " + store.MAX_IDS + " 件を超えるため入りません)" : "");
    toast.show(message, {
      undo: function () { store.update(target.id, { ids: target.ids }); renderTabs(); renderShared(); },
      link: { href: store.collectionUrl(store.get(target.id)), text: "「" + target.title + "」を開く" },
    });
    renderTabs();
    renderShared();
  }

  function create() {
    var c = store.create({ title: store.freeTitle("新しいコレクション"), ids: [] });
    try { window.sessionStorage.setItem(FOCUS_TITLE, c.id); } catch (e) { /* the title is not focused */ }
    toast.later("「" + c.title + "」を作りました。題名を付けて、事例を追加してください。");
    window.location.assign(store.collectionUrl(c));
  }

  function destroy() {
    deleted = store.remove(mine.id);
    render();
    var gone = deleted.collection;
    $("[data-deleted-message]").textContent = "「" + gone.title + "」(" + gone.ids.length + " 件)を削除しました。";
    $("[data-deleted-notice]").focus();
    toast.show("「" + gone.title + "」を削除しました", {
      undo: function () {
        store.restore(deleted);
        mine = store.get(deleted.collection.id);
        deleted = null;
        render();
        titleInput.focus();
      },
    });
  }

  root.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("[data-adopt]")) return adopt();
    if (target.closest("[data-merge]")) return merge();
    if (target.closest("[data-new-collection]")) return create();
    if (target.closest("[data-delete-collection]")) return destroy();
    if (target.closest("[data-clear-collection]")) return clear();
    if (target.closest("[data-copy-share]")) return copyShare();
    var item = target.closest("[data-item]");
    if (!item) return;
    var button = target.closest("[data-move]");
    if (button) move(item.getAttribute("data-item"), Number(button.getAttribute("data-move")), button);
    else if (target.closest("[data-remove]")) remove(item.getAttribute("data-item"));
  });

  list.addEventListener("keydown", function (event) {
    var item = event.target.closest("[data-item]");
    if (!item || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    move(item.getAttribute("data-item"), event.key === "ArrowUp" ? -1 : 1, event.target);
  });

  document.addEventListener("keydown", function (event) { // Ctrl+Z / ⌘Z outside the text fields: 元に戻す
    var typing = event.target.closest && event.target.closest("input, textarea, select");
    if ((event.ctrlKey || event.metaKey) && event.key === "z" && !typing && toast.undo()) event.preventDefault();
  });

  function edited() {
    doc.title = titleInput.value;
    doc.notes = notesInput.value;
    render();
    $("[data-saved]").textContent = mine ? "このブラウザに保存しました"
                                         : "このページの書き出しに使います(保存はされていません)";
  }
  titleInput.addEventListener("input", edited);
  notesInput.addEventListener("input", edited);
  $("[data-meta]").addEventListener("submit", function (event) { event.preventDefault(); });

  function copyShare() {
    var done = function () {
      toast.show("共有用リンクをコピーしました。開いた人には、その人のコレクションとは別のコピーとして表示されます。");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareUrl()).then(done, function () { window.prompt("共有用リンク", shareUrl()); });
    } else {
      window.prompt("共有用リンク(コピーしてください)", shareUrl());
    }
  }

  titleInput.value = doc.title;
  notesInput.value = doc.notes;
  $("[data-switcher]").hidden = false;
  $("[data-copy-share]").hidden = false;
  Array.prototype.forEach.call(root.querySelectorAll("[data-js-only]"), function (el) { el.hidden = false; });
  render();
  try {
    if (mine && window.sessionStorage.getItem(FOCUS_TITLE) === mine.id) {
      window.sessionStorage.removeItem(FOCUS_TITLE);
      titleInput.focus();
      titleInput.select();
    }
  } catch (e) { /* nothing to focus */ }
})();
