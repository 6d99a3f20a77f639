// On a narrow screen the search page's facets are a drawer behind a 「絞り込み」 button, so the results come first.
// In the drawer a tick does not reload: the counts and 「N 件を表示」 follow from /api/search/facets and
// /api/search, and the choice applies with that button (or on closing). Without JS the button jumps to #facets.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  var drawer = document.querySelector("[data-facets]");
  var opener = document.querySelector("[data-drawer-open]");
  if (!form || !drawer || !opener) return;
  var narrow = window.matchMedia("(max-width: 900px)");
  var apply = drawer.querySelector("[data-facet-submit]");
  var APPLY_LABEL = apply.textContent;
  var outside = ["header.site", ".skip-links", ".search-box", "[data-filter-bar]", ".results", "footer.site", "[data-compare-bar]"];
  var started = "";
  var pending = null;
  var timer = null;

  opener.setAttribute("role", "button");
  opener.setAttribute("aria-controls", drawer.id);
  opener.setAttribute("aria-expanded", "false");

  function isOpen() { return drawer.classList.contains("open"); }
  function boxes() { return drawer.querySelectorAll('input[type="checkbox"]'); }
  function ticks() { return Array.prototype.map.call(boxes(), function (b) { return b.checked ? "1" : "0"; }).join(""); }

  function setOutside(inert) {
    outside.forEach(function (selector) {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) { el.inert = inert; });
    });
  }

  function open() {
    started = ticks();
    drawer.classList.add("open");
    drawer.setAttribute("role", "dialog");
    drawer.setAttribute("aria-modal", "true");
    document.body.classList.add("drawer-open");
    opener.setAttribute("aria-expanded", "true");
    setOutside(true);
    drawer.querySelector("[data-drawer-close]").focus();
  }

  // Closing with a changed choice applies it (a tick is never lost); otherwise focus goes back to the button.
  function close() {
    if (ticks() !== started) { form.requestSubmit(apply); return; }
    drawer.classList.remove("open");
    drawer.removeAttribute("role");
    drawer.removeAttribute("aria-modal");
    document.body.classList.remove("drawer-open");
    opener.setAttribute("aria-expanded", "false");
    setOutside(false);
    opener.focus();
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim()) params.append(name, value);
    });
    params.delete("limit");
    return params.toString();
  }

  function get(path, signal) {
    return fetch(path, { headers: { Accept: "application/json" }, signal: signal })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); });
  }

  function showCounts(groups) {
    groups.forEach(function (group) {
      group.options.forEach(function (option) {
        var box = drawer.querySelector('input[name="' + group.name + '"][value="' + option.value + '"]');
        if (!box) return;
        var label = box.closest(".facet-option");
        label.querySelector(".facet-count").textContent = String(option.count);
        label.classList.toggle("empty", option.count === 0 && !box.checked);
      });
    });
  }

  // The drawer's counts and its button follow the ticks without a reload.
  function recount() {
    if (pending) pending.abort();
    pending = new AbortController();
    var q = query();
    apply.textContent = "件数を数えています…";
    Promise.all([get("/api/search/facets?" + q, pending.signal), get("/api/search?limit=1&" + q, pending.signal)])
      .then(function (bodies) {
        showCounts(bodies[0].groups);
        var total = bodies[1].total;
        apply.textContent = total ? (bodies[1].total_is_estimate ? "約" : "") + total + " 件を表示" : "0 件(条件を減らしてください)";
        window.kbToast.say(apply.textContent);
      })
      .catch(function (error) { if (error.name !== "AbortError") apply.textContent = APPLY_LABEL; });
  }

  opener.addEventListener("click", function (event) {
    if (!narrow.matches) return; // wide: the facets are beside the results, the link just goes there
    event.preventDefault();
    open();
  });
  drawer.addEventListener("click", function (event) {
    if (event.target.closest("[data-drawer-close]")) close();
  });
  document.addEventListener("click", function (event) { // a tap on the shade beside the drawer
    if (isOpen() && event.target === document.body) close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) close();
  });
  // In the drawer a tick recounts; search.js does not submit while the drawer is open (kbDrawer.isOpen).
  drawer.addEventListener("change", function (event) {
    if (!isOpen() || event.target.type !== "checkbox") return;
    window.clearTimeout(timer);
    timer = window.setTimeout(recount, 120);
  });
  narrow.addEventListener("change", function () { if (!narrow.matches && isOpen()) close(); });
  window.kbDrawer = { isOpen: isOpen };
})();
