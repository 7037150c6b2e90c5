// AskAfghanistan: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  function addCopyButtons() {
    var blocks = document.querySelectorAll(".cite-text");
    var label = document.documentElement.getAttribute("data-copy") || "Copy";
    var done = document.documentElement.getAttribute("data-copied") || "Copied";
    if (!navigator.clipboard) { return; }
    Array.prototype.forEach.call(blocks, function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = label;
      var labelId = pre.getAttribute("aria-labelledby");
      if (labelId) { button.setAttribute("aria-describedby", labelId); }
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent).then(function () {
          button.textContent = done;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
      pre.insertAdjacentElement("afterend", button);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addCopyButtons);
  } else {
    addCopyButtons();
  }
})();
