// The print-ready handout: a button instead of an inline onclick (the CSP allows no inline script).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) button.addEventListener("click", function () { window.print(); });
})();
