// AskAfghanistan: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;

  function addCopyButtons() {
    var blocks = document.querySelectorAll(".cite-text");
    var label = root.getAttribute("data-copy") || "Copy";
    var done = root.getAttribute("data-copied") || "Copied";
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

  // Answers as you type: the same API the form's page uses, with live=1 so
  // half-typed questions are not recorded as questions readers asked.
  function liveAnswers(form) {
    var input = form.querySelector("input[name=q]");
    var out = form.querySelector(".ask-live");
    var lang = form.getAttribute("data-lang") || "en";
    if (!input || !out || !window.fetch) { return; }
    var timer = null;
    var latest = 0;
    function clear() { out.textContent = ""; }
    function show(data) {
      clear();
      if (data.abstained) {
        var none = document.createElement("p");
        none.textContent = root.getAttribute("data-no-answer") || "No clear answer yet";
        out.appendChild(none);
        return;
      }
      data.answer.forEach(function (s) {
        var p = document.createElement("p");
        // The server escaped the sentence and added only <mark> elements.
        var span = document.createElement("span");
        span.lang = s.article.lang;
        span.innerHTML = s.html;
        p.appendChild(span);
        p.appendChild(document.createTextNode(" "));
        var a = document.createElement("a");
        a.href = s.citation;
        // "From the Dari article …" when quoted from another language.
        a.textContent = "↗ " + (s.source || s.article.title);
        p.appendChild(a);
        out.appendChild(p);
      });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 4) { clear(); return; }
      timer = window.setTimeout(function () {
        var mine = ++latest;
        fetch("/api/v1/ask?live=1&lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data && mine === latest) { show(data); } })
          .catch(function () { /* the form still works without this */ });
      }, 250);
    });
  }

  function init() {
    addCopyButtons();
    Array.prototype.forEach.call(document.querySelectorAll("form.ask-form"), liveAnswers);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
