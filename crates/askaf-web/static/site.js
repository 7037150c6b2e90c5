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

  // The day the reader read the page, which only the browser knows (the
  // page is cached, the same for every reader), added to both citations:
  // "Accessed 5 December 2026." Written as the site writes its dates in the
  // page's language, from the names and digits the page carries: in Dari
  // and Pashto the Solar Hijri date with Afghanistan's month names, the
  // Gregorian beside it. The browser's Persian calendar gives the Solar
  // Hijri numbers; without it nothing is added rather than another form.
  function accessedDate(box, now) {
    return writtenDay(box, now, null);
  }

  // Kabul's time: UTC+4:30 all year.
  var KABUL_MINUTES = 270;

  // `text` in the digits `el` carries (data-digits).
  function inDigits(el, text) {
    var digits = el.getAttribute("data-digits") || "0123456789";
    return String(text).replace(/[0-9]/g, function (d) { return digits.charAt(+d); });
  }

  // The day `now` falls on, written as the site writes a day from the
  // names and digits `el` carries (data-months, data-solar-months,
  // data-digits): in its zone, `offset` minutes east of UTC, or the
  // browser's own when `offset` is null. Null when it cannot be written so.
  function writtenDay(el, now, offset) {
    var months = (el.getAttribute("data-months") || "").split("|");
    var solar = el.getAttribute("data-solar-months");
    function write(day, month, year) {
      return inDigits(el, day + " " + month + " " + year);
    }
    if (months.length !== 12) { return null; }
    var at = offset === null ? now : new Date(now.getTime() + offset * 60000);
    var gregorian = offset === null
      ? write(now.getDate(), months[now.getMonth()], now.getFullYear())
      : write(at.getUTCDate(), months[at.getUTCMonth()], at.getUTCFullYear());
    if (!solar) { return gregorian; }
    var names = solar.split("|");
    if (names.length !== 12 || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) { return null; }
    var parts = {};
    try {
      var options = { year: "numeric", month: "numeric", day: "numeric" };
      if (offset !== null) { options.timeZone = "UTC"; }
      var format = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", options);
      if (format.resolvedOptions().calendar !== "persian") { return null; }
      format.formatToParts(at).forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) { return null; }
    var year = parseInt(parts.year, 10);
    var month = parseInt(parts.month, 10);
    var day = parseInt(parts.day, 10);
    if (!(year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) { return null; }
    return write(day, names[month - 1], year) + " (" + gregorian + ")";
  }

  // A moment as the editorial pages write one (from `el`'s data-draft-moment,
  // its day and time in Kabul), else as the browser writes it.
  function kabulMoment(el, when) {
    var pattern = el.getAttribute("data-draft-moment");
    var day = writtenDay(el, when, KABUL_MINUTES);
    if (!pattern || !day) { return when.toLocaleString(); }
    var at = new Date(when.getTime() + KABUL_MINUTES * 60000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var time = inDigits(el, two(at.getUTCHours()) + ":" + two(at.getUTCMinutes()));
    return pattern.replace("{day}", day).replace("{time}", time);
  }

  // In `scope`: the page, or the editor's live preview each time it is
  // shown again (the article as its page will show it, day included).
  function addAccessed(scope) {
    var box = scope.querySelector(".cite[data-accessed]");
    if (!box) { return; }
    var date = accessedDate(box, new Date());
    if (!date) { return; }
    var sentence = box.getAttribute("data-accessed").replace("{date}", date);
    Array.prototype.forEach.call(box.querySelectorAll(".cite-text[data-accessed-before]"), function (pre) {
      var before = pre.getAttribute("data-accessed-before");
      var text = pre.textContent;
      var at = text.length - before.length;
      if (!before || at < 0 || text.slice(at) !== before) { return; }
      // The HTML citation is HTML source: the sentence goes in as text,
      // into the element the box keeps for it before the reuse link, which
      // isolates it as the box's other Dari and Pashto words are.
      var slot = pre.querySelector(".cite-accessed");
      if (slot) {
        if (slot.textContent) { return; }
        slot.textContent = sentence.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        slot.parentNode.insertBefore(document.createTextNode(" "), slot.nextSibling);
        return;
      }
      pre.textContent = text.slice(0, at) + sentence + " " + before;
    });
  }

  // Answers as you type: the same API the form's page uses, with live=1 so
  // half-typed questions are not recorded as questions readers asked.
  function liveAnswers(form) {
    var input = form.querySelector("input[name=q]");
    var out = form.querySelector(".ask-live");
    var lang = form.getAttribute("data-lang") || "en";
    if (!input || !out || !window.fetch || !window.URL) { return; }
    var timer = null;
    var latest = 0;
    // On /ask the box holds the question the page answers, and the page's
    // answer and passages follow it. Once the box asks something else, they
    // answer a question no longer there: hidden while the live answers
    // below the box speak for it, shown again if the box comes back to it.
    var asked = input.value.trim();
    var earlier = asked ? document.querySelectorAll("main section.answer, main section.passages") : [];
    function followBox(q) {
      var same = q === asked || q.length < 4;
      Array.prototype.forEach.call(earlier, function (el) { el.style.display = same ? "" : "none"; });
    }
    function clear() { out.textContent = ""; }
    function show(data, api) {
      clear();
      if (data.abstained) {
        var none = document.createElement("p");
        // In the form's language: the root page has a form per language.
        none.textContent = form.getAttribute("data-no-answer") || root.getAttribute("data-no-answer") || "No clear answer yet";
        out.appendChild(none);
        return;
      }
      data.answer.forEach(function (s) {
        var p = document.createElement("p");
        // The server escaped the sentence and added only <mark> elements.
        // In its own language and direction: an English sentence on a Dari
        // page keeps its full stop at its end.
        var span = document.createElement("bdi");
        span.lang = s.article.lang;
        span.dir = s.article.lang === "en" ? "ltr" : "rtl";
        span.innerHTML = s.html;
        p.appendChild(span);
        p.appendChild(document.createTextNode(" "));
        var a = document.createElement("a");
        // On the site, its path; from a mirror (another host, or a disk
        // where "/en/…" would mean the disk's root), the live site's page.
        a.href = api.origin === window.location.origin ? s.path : s.url;
        // To another language's article: says which, as the page's links do.
        if (s.article.lang !== lang) { a.hreflang = s.article.lang; }
        // "From the Dari article …" when quoted from another language.
        // The arrow points out of the text: up and to the end of the line,
        // which is the left in a right-to-left form (a Dari page, or the
        // Dari box of the root page).
        var arrow = window.getComputedStyle(form).direction === "rtl" ? "↖ " : "↗ ";
        var source = s.source || s.article.title;
        // From another language, the title stands isolated (FSI … PDI) in
        // the sentence: marked in its language and direction, as the /ask
        // page marks it, so that a Pashto voice does not read English.
        var open = source.indexOf("\u2068");
        var close = source.indexOf("\u2069", open + 1);
        if (open < 0 || close < 0) {
          a.textContent = arrow + source;
        } else {
          var title = document.createElement("bdi");
          title.lang = s.article.lang;
          title.dir = s.article.lang === "en" ? "ltr" : "rtl";
          title.textContent = source.slice(open + 1, close);
          a.appendChild(document.createTextNode(arrow + source.slice(0, open)));
          a.appendChild(title);
          a.appendChild(document.createTextNode(source.slice(close + 1)));
        }
        p.appendChild(a);
        out.appendChild(p);
      });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      // Answers still on their way are for a question no longer in the
      // box (emptied, or changed): they are not shown when they come.
      latest += 1;
      var q = input.value.trim();
      followBox(q);
      if (q.length < 4 || q === asked) { clear(); return; }
      timer = window.setTimeout(function () {
        var mine = ++latest;
        // Beside the form's own target: the live site's API from a static
        // mirror, whose form posts there (the API allows any origin).
        var api = new URL("api/v1/ask", form.action || window.location.href);
        api.search = "live=1&lang=" + encodeURIComponent(lang) + "&q=" + encodeURIComponent(q);
        fetch(api.toString())
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data && mine === latest) { show(data, api); } })
          .catch(function () { /* the form still works without this */ });
      }, 250);
    });
  }

  // Text typed and not sent, kept in this browser's localStorage under
  // "askaf-draft:" and the address its form posts to, with when it was
  // kept: { at: milliseconds, values: { field name: text } }. Shared by the
  // editor and the comment forms. A browser may refuse storage (a private
  // window, site data blocked: even reading window.localStorage throws; or
  // full): then nothing is kept, and the forms work as they do without
  // this script.
  function storage(name) {
    try {
      var s = window[name];
      return s && typeof s.getItem === "function" && window.JSON ? s : null;
    } catch (e) { return null; }
  }
  function draftKey(action) { return "askaf-draft:" + action; }
  // The draft kept under `key`, or null; one kept longer ago than `maxAge`
  // milliseconds (when given), or unreadable, is dropped.
  function readDraft(key, maxAge) {
    var s = storage("localStorage");
    if (!s) { return null; }
    var kept = null;
    try { kept = JSON.parse(s.getItem(key) || "null"); } catch (e) { kept = false; }
    if (kept === null) { return null; }
    var fresh = !maxAge || Date.now() - kept.at < maxAge;
    var usable = kept && typeof kept === "object" && kept.values && typeof kept.values === "object";
    if (!usable || !fresh) { forgetDraft(key); return null; }
    return kept;
  }
  function writeDraft(key, values) {
    var s = storage("localStorage");
    if (!s) { return; }
    try {
      s.setItem(key, JSON.stringify({ at: Date.now(), values: values }));
    } catch (e) { /* storage full or refused: the form still works */ }
  }
  function forgetDraft(key) {
    var s = storage("localStorage");
    if (!s) { return; }
    try { s.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  // The editor keeps what is typed in this browser until it is sent, so a
  // closed tab or a crash loses nothing: opened again, the form offers the
  // unsent text back. The server hands the text back on every failure once
  // it is sent (a problem, an expired session, a restart), so sending ends
  // the keeping. Passwords and the hidden fields are never kept.
  function keepDraft(form) {
    if (!storage("localStorage")) { return; }
    var key = draftKey(form.getAttribute("action"));
    function fields() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.type !== "hidden" && el.type !== "password" &&
          el.type !== "submit" && el.type !== "button" && el.name.indexOf("login_") !== 0;
      });
    }
    function values() {
      var out = {};
      fields().forEach(function (el) { out[el.name] = el.value; });
      return out;
    }
    function forget() { forgetDraft(key); }
    var kept = readDraft(key);
    var shown = values();
    if (kept && kept.values) {
      var differs = Object.keys(kept.values).some(function (name) {
        return name in shown && shown[name] !== kept.values[name];
      });
      if (!differs) {
        forget();
      } else {
        var box = document.createElement("div");
        box.className = "draft-restore notice";
        box.setAttribute("role", "status");
        var p = document.createElement("p");
        var when = new Date(kept.at || Date.now());
        p.textContent = (form.getAttribute("data-draft-kept") || "Text you typed here and did not send is kept in this browser, from") +
          " " + kabulMoment(form, when) + ".";
        box.appendChild(p);
        var restore = document.createElement("button");
        restore.type = "button";
        restore.className = "button";
        restore.textContent = form.getAttribute("data-draft-restore") || "Restore it";
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "button secondary";
        discard.textContent = form.getAttribute("data-draft-discard") || "Discard it";
        restore.addEventListener("click", function () {
          fields().forEach(function (el) {
            if (el.name in kept.values) { el.value = kept.values[el.name]; }
          });
          box.remove();
          form.querySelector("textarea, input:not([type=hidden])").focus();
        });
        discard.addEventListener("click", function () { forget(); box.remove(); });
        box.appendChild(restore);
        box.appendChild(document.createTextNode(" "));
        box.appendChild(discard);
        form.parentNode.insertBefore(box, form);
      }
    }
    var timer = null;
    function keep() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { writeDraft(key, values()); }, 300);
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    // Closing the tab within the pause still keeps the last keystrokes.
    window.addEventListener("pagehide", function () {
      if (timer !== null) {
        window.clearTimeout(timer);
        writeDraft(key, values());
      }
    });
    form.addEventListener("submit", function () {
      window.clearTimeout(timer);
      timer = null;
      forget();
    });
  }

  // A reader's comment, typed and not sent, is kept as the editor keeps its
  // text (above), so a closed tab or a phone that reloads the page loses
  // nothing: the comment alone, never the name or the email (the computer
  // may be a shared one, in a library or a café), for each form (the
  // article's, and each reply's, by the comment it answers), for a week.
  // Shown again, the form puts a kept comment back into an empty box and
  // says so, with a button to discard it. A box the server filled (a post
  // refused: it hands the text back) is left as it is, and the comment
  // stays kept until it is taken (held or published: `afterCommentSent`).
  var COMMENT_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
  // The form this tab just sent, in sessionStorage (this tab's own, gone
  // with it) for the page that answers the post: { key, action, at }.
  var COMMENT_SENT = "askaf-comment-sent";

  // A comment left unsent under an article no one opens again is dropped
  // all the same: each page with a comment form reads every kept comment.
  var COMMENT_KEY = /^askaf-draft:.*\/comments(\?parent=[0-9]+)?$/;
  function dropOldComments() {
    var s = storage("localStorage");
    if (!s) { return; }
    var keys = [];
    try {
      for (var i = 0; i < s.length; i++) { keys.push(s.key(i)); }
    } catch (e) { return; }
    keys.filter(function (k) { return COMMENT_KEY.test(k); })
      .forEach(function (k) { readDraft(k, COMMENT_KEPT_MS); });
  }

  function commentDraftKey(form) {
    var parent = form.querySelector("input[name=parent]");
    var key = draftKey(form.getAttribute("action"));
    return parent && parent.value ? key + "?parent=" + parent.value : key;
  }

  // The page loaded after this tab sent a comment form says whether it was
  // taken: the server sends a taken comment to the article at the comment
  // (`#comment-N`, published) or to the page saying it awaits a moderator
  // (which names the form's address in `data-comment-taken`); a refused one
  // is answered at the form's own address with the text in the form. Only
  // a taken comment is forgotten. The mark is read once, by the page that
  // follows the post, and is worth nothing after a few minutes (an answer
  // that never came, the tab left on the browser's error page).
  function afterCommentSent() {
    var tab = storage("sessionStorage");
    if (!tab) { return; }
    var sent = null;
    try {
      sent = JSON.parse(tab.getItem(COMMENT_SENT) || "null");
      tab.removeItem(COMMENT_SENT);
    } catch (e) { return; }
    if (!sent || typeof sent.key !== "string" || typeof sent.action !== "string" ||
        !(Date.now() - sent.at < 10 * 60 * 1000)) { return; }
    var path = function (address) {
      try { return new URL(address, window.location.href).pathname; } catch (e) { return null; }
    };
    var held = document.querySelector("[data-comment-taken]");
    var taken = held
      ? path(held.getAttribute("data-comment-taken")) === path(sent.action)
      : /^#comment-[0-9]+$/.test(window.location.hash) && path(window.location.pathname + "/comments") === path(sent.action);
    if (taken) { forgetDraft(sent.key); }
  }

  function keepComment(form) {
    var box = form.querySelector("textarea[name=body]");
    if (!box || !storage("localStorage")) { return; }
    var key = commentDraftKey(form);
    var timer = null;
    function keep() {
      window.clearTimeout(timer);
      timer = null;
      if (box.value.trim()) { writeDraft(key, { body: box.value }); } else { forgetDraft(key); }
    }
    var kept = readDraft(key, COMMENT_KEPT_MS);
    var body = kept && typeof kept.values.body === "string" ? kept.values.body : "";
    if (body.trim() && !box.value.trim()) {
      box.value = body;
      var notice = document.createElement("div");
      notice.className = "draft-restore notice";
      var said = document.createElement("p");
      said.setAttribute("role", "status");
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button secondary";
      discard.textContent = form.getAttribute("data-draft-discard") || "Discard the restored comment";
      discard.addEventListener("click", function () {
        window.clearTimeout(timer);
        timer = null;
        forgetDraft(key);
        box.value = "";
        notice.remove();
        // The button is gone: the reader is left where the text was.
        box.focus();
      });
      notice.appendChild(said);
      notice.appendChild(discard);
      var field = box.closest(".field") || box;
      field.parentNode.insertBefore(notice, field);
      // A live region is read out when its text changes, not when it is
      // added: the sentence comes a moment after the (empty) region.
      window.setTimeout(function () {
        said.textContent = form.getAttribute("data-draft-restored") ||
          "A comment you wrote here and did not send was kept in this browser, and is back in the box below.";
      }, 100);
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(keep, 300);
    });
    // Closing the tab within the pause still keeps the last keystrokes.
    window.addEventListener("pagehide", function () { if (timer !== null) { keep(); } });
    form.addEventListener("submit", function () {
      keep();
      var tab = storage("sessionStorage");
      if (!tab) { return; }
      try {
        tab.setItem(COMMENT_SENT, JSON.stringify({ key: key, action: form.getAttribute("action"), at: Date.now() }));
      } catch (e) { /* then a taken comment stays kept: the reader may discard it */ }
    });
  }

  // The article as its page will show it, beside the body while typing:
  // the form is posted (nothing is saved) after a pause, and the server's
  // sanitized render replaces the last one. Without this, the Preview
  // button shows the same render on a page of its own.
  function livePreview(form) {
    var url = form.getAttribute("data-preview-url");
    var pane = form.querySelector(".live-preview");
    if (!url || !pane || !window.fetch || !window.URLSearchParams || !window.FormData || !window.DOMParser) { return; }
    var frame = pane.querySelector(".preview-frame");
    var timer = null;
    var latest = 0;
    // Parsed apart from the page, then without its own form (the comment
    // form): inside the editor's form its fields would be sent with it.
    function show(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      Array.prototype.forEach.call(doc.body.querySelectorAll("form, input, textarea, select, button"), function (el) {
        el.remove();
      });
      frame.replaceChildren.apply(frame, Array.prototype.slice.call(doc.body.childNodes));
      addAccessed(frame);
    }
    function refresh() {
      var mine = ++latest;
      fetch(url, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null && mine === latest) { show(html); } })
        .catch(function () { /* the Preview button still works */ });
    }
    pane.hidden = false;
    pane.parentNode.classList.add("live");
    document.documentElement.classList.add("live-preview-on");
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
    refresh();
  }

  // The article's language chosen in the editor: its text fields and
  // previews take that language and direction at once, not at the next
  // round trip (Dari typed into a left-to-right field puts its full stop
  // at the wrong end).
  function followLanguage(form) {
    var select = form.querySelector("#ed-lang");
    if (!select) { return; }
    select.addEventListener("change", function () {
      var lang = select.value;
      if (["en", "fa", "ps"].indexOf(lang) < 0) { return; }
      var dir = lang === "en" ? "ltr" : "rtl";
      Array.prototype.forEach.call(
        form.querySelectorAll("#ed-title, #ed-question, #ed-summary, #ed-body, .preview-frame"),
        function (el) { el.lang = lang; el.dir = dir; }
      );
    });
  }

  function init() {
    addAccessed(document);
    addCopyButtons();
    Array.prototype.forEach.call(document.querySelectorAll("form.editor-form"), followLanguage);
    Array.prototype.forEach.call(document.querySelectorAll("form.ask-form"), liveAnswers);
    Array.prototype.forEach.call(document.querySelectorAll("form.editor-form"), keepDraft);
    Array.prototype.forEach.call(document.querySelectorAll("form.editor-form"), livePreview);
    // The answer to a post first: a comment taken is not offered again.
    afterCommentSent();
    if (document.querySelector("form.comment-form")) { dropOldComments(); }
    Array.prototype.forEach.call(document.querySelectorAll("form.comment-form"), keepComment);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
