// The collection page shows the ids in its URL; this keeps them in step with the list kept in this browser.
// Opened without ids it shows the kept list; reordering and removing rewrite the kept list and the URL.
(function () {
  "use strict";
  var store = window.kbStore;
  var root = document.querySelector("[data-collection]");
  if (!root) return;
  var kept = store.read(store.KEYS.collection);
  var shown = (root.getAttribute("data-ids") || "").split(",").filter(Boolean);
  var params = new URLSearchParams(window.location.search);

  if (!params.has("ids") && kept.length) {
    window.location.replace(store.url("/collection", kept));
    return;
  }
  if (shown.length && shown.join(",") !== kept.join(",")) {
    if (params.get("ids") && kept.length === 0) {
      store.write(store.KEYS.collection, shown); // first visit from a shared link: keep it
    } else {
      root.querySelector("[data-shared-notice]").hidden = false;
    }
  }

  function go(ids) {
    store.write(store.KEYS.collection, ids);
    window.location.replace(store.url("/collection", ids));
  }

  root.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("[data-adopt]")) { go(shown); return; }
    if (target.closest("[data-clear-collection]")) { go([]); return; }
    var item = target.closest("[data-item]");
    if (!item) return;
    var id = item.getAttribute("data-item");
    var at = shown.indexOf(id);
    var ids = shown.slice();
    var move = target.closest("[data-move]");
    if (move) {
      var to = at + Number(move.getAttribute("data-move"));
      if (to < 0 || to >= ids.length) return;
      ids.splice(at, 1);
      ids.splice(to, 0, id);
      go(ids);
    } else if (target.closest("[data-remove]")) {
      ids.splice(at, 1);
      go(ids);
    }
  });
})();
