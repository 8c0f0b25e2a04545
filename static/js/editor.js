/* The markdown editor widget (markup/widgets.py): toolbar, live preview, Ctrl/Cmd+S to save,
   and a warning before leaving with unsaved changes. Plain JavaScript, no build step. The preview
   HTML comes from the server's one pipeline (sanitised there), so it is inserted as is. */
(function () {
  "use strict";
  if (window.mdEditorLoaded) return; // a page with two editors may list this script twice
  window.mdEditorLoaded = true;

  var DEBOUNCE_MS = 300;
  var FAILED = "<p class=\"notice notice--warning\">The preview is not available right now. " +
    "Your text is safe: keep writing, or use the Preview button.</p>";

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* Replace the selection with text, keeping the browser's undo history where it can. */
  function insert(textarea, text, selectFrom, selectTo) {
    var start = textarea.selectionStart;
    textarea.focus();
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done) {
      textarea.setRangeText(text, start, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) {
      textarea.setSelectionRange(start + selectFrom, start + selectTo);
    }
  }

  function wrap(textarea, before, after, placeholder) {
    var selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd) || placeholder;
    insert(textarea, before + selected + after, before.length, before.length + selected.length);
  }

  /* Prefix every line the selection touches (lists, quotes, headings). */
  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = value.indexOf("\n", Math.max(textarea.selectionEnd - 1, start));
    if (end === -1) end = value.length;
    textarea.setSelectionRange(start, end);
    var lines = value.slice(start, end).split("\n");
    var text = lines.map(function (line, i) { return prefix(i) + line; }).join("\n");
    insert(textarea, text, text.length, text.length);
  }

  var ACTIONS = {
    bold: function (t) { wrap(t, "**", "**", "bold text"); },
    italic: function (t) { wrap(t, "_", "_", "italic text"); },
    heading: function (t) { prefixLines(t, function () { return "## "; }); },
    link: function (t) {
      var label = t.value.slice(t.selectionStart, t.selectionEnd) || "link text";
      var text = "[" + label + "](https://)";
      insert(t, text, label.length + 3, text.length - 1);
    },
    wikilink: function (t) { wrap(t, "[[", "]]", "Page title"); },
    bulleted: function (t) { prefixLines(t, function () { return "- "; }); },
    numbered: function (t) { prefixLines(t, function (i) { return (i + 1) + ". "; }); },
    quote: function (t) { prefixLines(t, function () { return "> "; }); },
    code: function (t) {
      var selected = t.value.slice(t.selectionStart, t.selectionEnd);
      if (selected.indexOf("\n") >= 0) wrap(t, "```\n", "\n```", "");
      else wrap(t, "`", "`", "code");
    }
  };
  var SHORTCUTS = { b: "bold", i: "italic", k: "link" };

  function setUp(editor) {
    var textarea = editor.querySelector("textarea");
    var pane = editor.querySelector("[data-md-preview]");
    var status = editor.querySelector("[data-md-status]");
    var form = textarea.form;
    var url = editor.getAttribute("data-preview-url");
    var timer = null;
    var inFlight = null;
    var lastSent = null;
    var original = form ? new FormData(form) : null;
    var submitting = false;

    function showStatus(text) { if (status) status.textContent = text; }

    function refresh() {
      if (!url || textarea.value === lastSent) return;
      lastSent = textarea.value;
      if (inFlight) inFlight.abort();
      inFlight = new AbortController();
      var body = new FormData();
      body.append("text", textarea.value);
      if (editor.hasAttribute("data-mentions")) body.append("mentions", "1");
      if (editor.hasAttribute("data-page-path")) {
        body.append("path", editor.getAttribute("data-page-path"));
      }
      showStatus("updating…");
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin", signal: inFlight.signal,
        headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch" }
      }).then(function (response) {
        // 413 (too long) and 429 (too many previews) answer with a message fragment of their
        // own; other errors get ours.
        if (response.ok || response.status === 413 || response.status === 429) {
          if (!response.ok) lastSent = null; // try again on the next pause in typing
          return response.text();
        }
        throw new Error("preview failed: " + response.status);
      }).then(function (html) {
        pane.innerHTML = html;
        showStatus("");
      }).catch(function (error) {
        if (error.name === "AbortError") return;
        pane.innerHTML = FAILED;
        lastSent = null;
        showStatus("");
      });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, DEBOUNCE_MS);
    });

    editor.querySelectorAll("[data-md-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        ACTIONS[button.getAttribute("data-md-action")](textarea);
      });
    });

    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      var action = SHORTCUTS[event.key.toLowerCase()];
      if (action && !event.shiftKey) {
        event.preventDefault();
        ACTIONS[action](textarea);
      }
    });

    if (!form) return;

    function changed() {
      var now = new FormData(form);
      var keys = new Set(Array.from(now.keys()).concat(Array.from(original.keys())));
      return Array.from(keys).some(function (key) {
        return String(now.getAll(key)) !== String(original.getAll(key));
      });
    }

    form.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (submitting) return;
        // Submits as the form's own save would (never as "Preview"), with its validation; the
        // submit event below then marks the changes as saved.
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          submitting = true;
          form.submit();
        }
      }
    });
    // Enter in a one-line field (title, summary, tags) saves, as people expect: without this
    // the browser would press the first submit button in the form, the widget's Preview.
    form.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || field.tagName !== "INPUT" || !form.requestSubmit) return;
      if (["submit", "button", "checkbox", "radio", "file"].indexOf(field.type) >= 0) return;
      var save = form.querySelector("button[type=submit]:not([name=preview]), input[type=submit]:not([name=preview])");
      if (!save) return;
      event.preventDefault();
      form.requestSubmit(save);
    });
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !changed()) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show their prompt
    });
  }

  function start() {
    document.querySelectorAll("[data-md-editor]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
