/* The markdown editor widget (markup/widgets.py): toolbar, live preview, Ctrl/Cmd+S to save
   (Ctrl/Cmd+Enter to post where the widget says so), @mention suggestions as an ARIA combobox,
   the compact reply box (grows as one writes; toolbar and preview on demand), and a warning
   before leaving with unsaved changes (not where the form keeps a draft on the server).
   Plain JavaScript, no build step. The preview HTML comes from the server's one pipeline
   (sanitised there), so it is inserted as is. */
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

    var mentions = setUpMentions(editor, textarea);
    if (editor.hasAttribute("data-compact")) setUpCompact(editor, textarea, refresh);

    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.key === "Enter" && editor.hasAttribute("data-submit-shortcut") && form) {
        event.preventDefault();
        mentions.close();
        var post = form.querySelector("button[type=submit]:not([name=preview])");
        if (form.requestSubmit) form.requestSubmit(post || undefined);
        else form.submit();
        return;
      }
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
      // A form that keeps a draft on the server (forum.js) loses nothing by leaving.
      if (form.hasAttribute("data-draft-url") && form.getAttribute("data-draft-state") !== "failed") return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show their prompt
    });
  }

  /* The compact reply box: it grows with its text (CSS field-sizing where the browser has it),
     and its toolbar and preview open from two toggle buttons. */
  function setUpCompact(editor, textarea, refresh) {
    var toggles = editor.querySelector("[data-md-toggles]");
    if (toggles) toggles.hidden = false;
    editor.classList.add("has-js");
    if (!(window.CSS && CSS.supports("field-sizing", "content"))) {
      var grow = function () {
        textarea.style.height = "auto";
        textarea.style.height = Math.min(textarea.scrollHeight + 2, window.innerHeight * 0.7) + "px";
      };
      textarea.addEventListener("input", grow);
      grow();
    }
    editor.querySelectorAll("[data-md-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-md-toggle");
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        editor.classList.toggle(what === "preview" ? "is-previewing" : "is-toolbar-open", open);
        if (what === "preview" && open) refresh();
      });
    });
  }

  /* @mention suggestions: the textarea is an ARIA combobox (aria-autocomplete=list) whose
     listbox lists people matching the word after "@" at the caret, from the server (people in
     the thread first). Arrow keys move, Enter or Tab picks, Escape closes; a tap picks too. */
  function setUpMentions(editor, textarea) {
    var url = editor.getAttribute("data-mention-url");
    var list = editor.querySelector(".md-mentions");
    var status = editor.querySelector("[data-md-mention-status]");
    var none = { close: function () {} };
    if (!url || !list) return none;
    var form = textarea.form;
    var thread = form && form.getAttribute("data-thread");
    var options = [];
    var active = -1;
    var word = null;
    var timer = null;
    var inFlight = null;
    textarea.setAttribute("role", "combobox");
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-haspopup", "listbox");
    textarea.setAttribute("aria-controls", list.id);
    textarea.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      options = [];
      active = -1;
      word = null;
      textarea.setAttribute("aria-expanded", "false");
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        textarea.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        textarea.removeAttribute("aria-activedescendant");
      }
    }

    function pick(index) {
      if (!word || index < 0 || index >= options.length) return;
      var name = options[index].getAttribute("data-username");
      var end = textarea.selectionStart;
      textarea.setSelectionRange(word.start, end);
      close();
      insert(textarea, "@" + name + " ");
    }

    /* The "@name" being typed just before the caret, or null. */
    function currentWord() {
      var end = textarea.selectionStart;
      if (end !== textarea.selectionEnd) return null;
      var before = textarea.value.slice(Math.max(0, end - 40), end);
      var match = before.match(/(^|[^\w@`])@([\w.\-]{1,30})$/);
      if (!match) return null;
      return { start: end - match[2].length - 1, query: match[2] };
    }

    function show(results, query) {
      list.innerHTML = "";
      options = results.map(function (person, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-username", person.username);
        option.className = "md-mentions__option";
        option.textContent = "@" + person.username;
        if (person.in_thread) {
          var note = document.createElement("span");
          note.className = "md-mentions__note";
          note.textContent = " in this thread";
          option.appendChild(note);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { pick(i); textarea.focus(); });
        list.appendChild(option);
        return option;
      });
      if (!options.length) {
        if (status) status.textContent = "No one called " + query;
        close();
        return;
      }
      list.hidden = false;
      textarea.setAttribute("aria-expanded", "true");
      highlight(0);
      if (status) {
        status.textContent = options.length + " suggestion" + (options.length === 1 ? "" : "s") +
          ": use the up and down arrows, Enter to pick";
      }
    }

    function lookUp() {
      var found = currentWord();
      if (!found) { close(); return; }
      if (inFlight) inFlight.abort();
      inFlight = new AbortController();
      var query = "?q=" + encodeURIComponent(found.query) + (thread ? "&thread=" + encodeURIComponent(thread) : "");
      fetch(url + query, {
        credentials: "same-origin", signal: inFlight.signal,
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (!response.ok) throw new Error("mentions: " + response.status);
        return response.json();
      }).then(function (data) {
        var still = currentWord();
        if (!still || still.query !== found.query) return;
        word = still;
        show(data.results || [], found.query);
      }).catch(function (error) {
        if (error.name !== "AbortError") close();
      });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      if (!currentWord()) { close(); return; }
      timer = setTimeout(lookUp, 120);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden || !options.length || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + options.length) % options.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        if (active < 0) return;
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    textarea.addEventListener("blur", function () { setTimeout(close, 150); });
    return { close: close };
  }

  function start() {
    document.querySelectorAll("[data-md-editor]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
