// Quick exit: leave for a neutral site at once, replacing this page in the history so that
// Back does not return to it. Triggered by the [data-quick-exit] control or by Escape twice.
(function () {
  "use strict";
  var DOUBLE_PRESS_MS = 1000;
  var lastEscape = 0;

  function leave(event) {
    var control = document.querySelector("[data-quick-exit]");
    if (!control) return;
    if (event) event.preventDefault();
    document.body.style.visibility = "hidden";
    window.location.replace(control.href);
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) leave(event);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < DOUBLE_PRESS_MS) leave(event);
    lastEscape = now;
  });
})();
