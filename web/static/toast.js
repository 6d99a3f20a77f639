// A message at the bottom of the page, read out by screen readers, with 「元に戻す」 when an action can be undone.
// It stays until closed or replaced (no timer to beat). kbToast.say() only announces (nothing is shown).
// A message can outlive a page load (kbToast.later): it is shown on the next page of this tab.
(function () {
  "use strict";
  var LATER = "kb.toast";
  var box = null;
  var voice = null;
  var undoing = null;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function build() {
    if (box) return;
    box = element("div", "toast");
    box.setAttribute("role", "status");
    box.setAttribute("data-toast", "");
    box.hidden = true;
    voice = element("div", "visually-hidden");
    voice.setAttribute("aria-live", "polite");
    document.body.append(box, voice);
  }

  function hide() {
    if (box) { box.hidden = true; box.replaceChildren(); }
    undoing = null;
  }

  // show("「研修」から外しました", { undo: fn, undoLabel: "元に戻す", link: { href, text } })
  function show(message, options) {
    build();
    options = options || {};
    undoing = options.undo || null;
    var parts = [element("span", "toast-message", message)];
    if (options.link) {
      var a = element("a", "toast-link", options.link.text);
      a.href = options.link.href;
      parts.push(a);
    }
    if (undoing) {
      var undo = element("button", "button small", options.undoLabel || "元に戻す");
      undo.type = "button";
      undo.setAttribute("data-toast-undo", "");
      parts.push(undo);
    }
    var close = element("button", "toast-close");
    close.type = "button";
    close.setAttribute("data-toast-close", "");
    close.setAttribute("aria-label", "このお知らせを閉じる");
    close.textContent = "×";
    parts.push(close);
    box.replaceChildren.apply(box, parts);
    box.hidden = false;
    return box.querySelector("[data-toast-undo]") || close;
  }

  function undo() {
    if (!undoing) return false;
    var fn = undoing;
    hide();
    fn();
    return true;
  }

  function say(text) {
    build();
    voice.textContent = "";
    window.setTimeout(function () { voice.textContent = text; }, 30); // a change, so it is read again
  }

  function later(message) {
    try { window.sessionStorage.setItem(LATER, message); } catch (e) { /* private mode: no message */ }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-toast-undo]")) undo();
    else if (event.target.closest("[data-toast-close]")) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box && !box.hidden && box.contains(document.activeElement)) hide();
  });
  document.addEventListener("DOMContentLoaded", function () {
    var message = null;
    try {
      message = window.sessionStorage.getItem(LATER);
      window.sessionStorage.removeItem(LATER);
    } catch (e) { /* nothing kept */ }
    if (message) show(message);
  });

  window.kbToast = { show: show, hide: hide, undo: undo, say: say, later: later };
})();
