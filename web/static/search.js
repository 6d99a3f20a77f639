// The search page: ticked filters apply at once (in the phone drawer, with its button: drawer.js), the year boxes
// apply with Enter or their button, empty fields stay out of the URL, and after a search, a filter or a page change
// focus lands on the results (their summary) with the facets scrolled where they were. The 「うちと似た町」 field
// completes municipality names from /api/municipalities. Without JS the form still works.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;
  var LANDING = "kb.search.landing";
  var facets = form.querySelector("[data-facets]");
  var narrow = window.matchMedia("(max-width: 900px)");

  function leaving() {
    try {
      window.sessionStorage.setItem(LANDING, JSON.stringify({ at: Date.now(), facets: facets ? facets.scrollTop : 0 }));
    } catch (e) { /* private mode: the page opens at the top */ }
  }

  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox" || !box.closest(".facet")) return; // the year boxes wait for Enter or their button
    if (window.kbDrawer && window.kbDrawer.isOpen()) return; // the drawer applies with its own button
    form.requestSubmit();
  });

  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.type === "search" || el.type === "text" || el.type === "number") && !el.value.trim()) {
        el.disabled = true; // keeps `q=&like=` out of the shared URL
      }
    });
    leaving();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest(".results .chips a, .results .readings a, .results .pager a")) leaving();
  });
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  });

  // Back from a search, a filter or another page of results: focus on what changed, not at the top of the page.
  function land() {
    var state = null;
    try {
      state = JSON.parse(window.sessionStorage.getItem(LANDING) || "null");
      window.sessionStorage.removeItem(LANDING);
    } catch (e) { state = null; }
    if (!state || Date.now() - state.at > 30000) return;
    if (facets && state.facets) facets.scrollTop = state.facets;
    var target = form.querySelector('[aria-invalid="true"]') || document.querySelector("[data-result-summary]") ||
                 document.querySelector(".results .error") || document.getElementById("results");
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
    var bar = document.querySelector("[data-filter-bar]");
    if (narrow.matches && bar && target.closest(".results")) { // the phone: results at the top, the 絞り込み bar above
      bar.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    } else {
      target.focus();
    }
  }
  land();

  var input = form.querySelector("[data-municipality-input]");
  var list = form.querySelector("[data-municipality-options]");
  var timer = null;
  var LEVELS = { prefecture: "都道府県", designated_city: "政令指定都市", core_city: "中核市", city: "市",
                 special_ward: "特別区", town: "町", village: "村" };

  function people(n) {
    return n >= 10000 ? (n / 10000).toFixed(1).replace(".0", "") + "万人" : n.toLocaleString("ja-JP") + "人";
  }

  function complete() {
    var q = input.value.trim();
    if (!q) { list.replaceChildren(); return; }
    fetch("/api/municipalities?limit=10&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (bodies) {
        var options = bodies.map(function (body) {
          var option = document.createElement("option");
          option.value = body.name;
          option.label = [LEVELS[body.level] || "", body.population ? "人口 " + people(body.population) : "", body.code]
            .filter(Boolean).join(" ・ ");
          return option;
        });
        list.replaceChildren.apply(list, options);
      })
      .catch(function () { list.replaceChildren(); });
  }

  if (input && list) {
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(complete, 120);
    });
  }
})();
