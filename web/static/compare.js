// The compare page: opened without ids it shows the cases picked in this browser; 「外す」 drops one.
(function () {
  "use strict";
  var store = window.kbStore;
  var picked = store.compare.read();
  var params = new URLSearchParams(window.location.search);
  var shown = (params.get("ids") || "").split(",").filter(Boolean);
  if (!shown.length && picked.length >= 2) {
    window.location.replace(store.url("/compare", picked));
    return;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-compare-remove]");
    if (!button) return;
    var rest = shown.filter(function (id) { return id !== button.getAttribute("data-compare-remove"); });
    store.compare.write(rest);
    window.location.assign(rest.length >= 2 ? store.url("/compare", rest) : "/compare");
  });
})();
