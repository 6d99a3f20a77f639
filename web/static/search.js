// The search page: filters apply as soon as they are ticked, empty fields stay out of the URL, and the
// 「うちと似た町」 field completes municipality names from /api/municipalities. Without JS the form still works.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  form.addEventListener("change", function (event) {
    if (event.target.closest(".facet")) form.requestSubmit();
  });

  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.type === "search" || el.type === "text" || el.type === "number") && !el.value.trim()) {
        el.disabled = true; // keeps `q=&like=` out of the shared URL
      }
    });
  });
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  });

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
