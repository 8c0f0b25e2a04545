/* Uploads from the markdown editors (markup/widgets.py): a toolbar button, drag and drop, and
   paste. Each file asks for a description (its alt text), is posted to files:upload, and its
   markdown replaces a placeholder at the cursor; the editor's live preview then shows it.
   Images in the preview without alt text are outlined and listed under the editor.
   Loaded on every page for signed-in people; does nothing where there is no editor. */
(function () {
  "use strict";
  var script = document.currentScript;
  var UPLOAD_URL = script ? script.getAttribute("data-upload-url") : "";
  var ACCEPT = "image/jpeg,image/png,image/gif,image/webp,application/pdf,.zip,.docx,.xlsx," +
    ".pptx,.odt,.ods,.odp,.txt,.md,.csv";
  var counter = 0;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* Replace textarea[start:end] with text, keeping the browser's undo history where it can. */
  function replaceRange(textarea, start, end, text) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
    if (!done) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A modal asking for the description; resolves with it, or null when cancelled. */
  function askDescription(file) {
    return new Promise(function (resolve) {
      var isImage = /^image\//.test(file.type);
      var dialog = element("dialog", "files-dialog");
      var form = element("form");
      form.method = "dialog";
      var id = "files-description-" + (++counter);
      form.appendChild(element("h2", "", isImage ? "Describe this image" : "Upload this file"));
      var preview = null;
      if (isImage) {
        preview = element("img", "files-dialog__preview");
        preview.alt = "";
        // A blob: URL; a Content-Security-Policy without blob: in img-src blocks it: no preview.
        preview.addEventListener("error", function () { preview.hidden = true; });
        preview.src = URL.createObjectURL(file);
        form.appendChild(preview);
      }
      form.appendChild(element("p", "files-dialog__name", (file.name || "pasted image") +
        " · " + Math.max(1, Math.round(file.size / 1024)) + " KB"));
      var label = element("label", "", isImage ? "Description (alt text)" : "Description");
      label.htmlFor = id;
      var input = element("input");
      input.type = "text";
      input.id = id;
      input.maxLength = 500;
      input.setAttribute("aria-describedby", id + "-help");
      var help = element("p", "helptext", isImage
        ? "What the image shows, for people who cannot see it. Leave it empty only if the image is decoration."
        : "Optional: what the file is.");
      help.id = id + "-help";
      var actions = element("div", "form-actions");
      var ok = element("button", "", "Upload");
      ok.type = "submit";
      ok.value = "upload";
      var cancel = element("button", "button--secondary", "Cancel");
      cancel.type = "submit";
      cancel.value = "cancel";
      actions.appendChild(ok);
      actions.appendChild(cancel);
      [label, input, help, actions].forEach(function (node) { form.appendChild(node); });
      dialog.appendChild(form);
      document.body.appendChild(dialog);
      dialog.addEventListener("close", function () {
        if (preview) URL.revokeObjectURL(preview.src);
        var value = dialog.returnValue === "upload" ? input.value.trim() : null;
        dialog.remove();
        resolve(value);
      });
      dialog.showModal();
      input.focus();
    });
  }

  function setUp(editor) {
    var textarea = editor.querySelector("textarea");
    var toolbar = editor.querySelector(".md-editor__toolbar");
    var pane = editor.querySelector("[data-md-preview]");
    if (!textarea || !toolbar) return;
    var form = textarea.form;

    var status = element("p", "files-upload-status");
    status.setAttribute("role", "status");
    var altNote = element("p", "files-upload-status message message--warning");
    var footer = editor.querySelector(".md-editor__footer");
    editor.insertBefore(altNote, footer);
    editor.insertBefore(status, footer);

    function say(text, kind) {
      status.className = "files-upload-status" + (text ? " message message--" + (kind || "info") : "");
      status.textContent = text;
    }

    var picker = element("input");
    picker.type = "file";
    picker.accept = ACCEPT;
    picker.hidden = true;
    picker.tabIndex = -1;
    var button = element("button", "md-editor__tool md-editor__tool--upload", "Image");
    button.type = "button";
    button.title = "Upload an image or file (you can also paste or drop one)";
    button.setAttribute("aria-label", "Upload an image or file");
    // Beside the link buttons, where people look for it (GitHub and Discourse put it there too).
    var wikilink = toolbar.querySelector("[data-md-action=wikilink]");
    toolbar.insertBefore(button, wikilink ? wikilink.nextSibling : null);
    editor.appendChild(picker);
    button.addEventListener("click", function () { picker.click(); });
    picker.addEventListener("change", function () {
      var files = Array.prototype.slice.call(picker.files);
      picker.value = "";
      handle(files);
    });

    textarea.addEventListener("paste", function (event) {
      var files = event.clipboardData ? Array.prototype.slice.call(event.clipboardData.files) : [];
      if (!files.length) return;
      event.preventDefault();
      handle(files);
    });
    function hasFiles(event) {
      var types = event.dataTransfer ? Array.prototype.slice.call(event.dataTransfer.types) : [];
      return types.indexOf("Files") >= 0;
    }
    textarea.addEventListener("dragover", function (event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      editor.classList.add("md-editor--dragging");
    });
    textarea.addEventListener("dragleave", function () {
      editor.classList.remove("md-editor--dragging");
    });
    textarea.addEventListener("drop", function (event) {
      editor.classList.remove("md-editor--dragging");
      if (!hasFiles(event)) return;
      event.preventDefault();
      handle(Array.prototype.slice.call(event.dataTransfer.files));
    });

    /* One file after another, each asked for its description first. The markdown goes where
       the cursor was when the file came (the dialog takes the focus meanwhile). */
    function handle(files) {
      if (!files.length) return;
      var file = files.shift();
      var cursor = [textarea.selectionStart, textarea.selectionEnd];
      askDescription(file).then(function (description) {
        if (description === null) { say(""); textarea.focus(); return null; }
        return send(file, description, cursor);
      }).then(function () { handle(files); });
    }

    function send(file, description, cursor) {
      var placeholder = "![Uploading " + (file.name || "image").replace(/[\[\]]/g, "") + " (" +
        (++counter) + ")…]()";
      var value = textarea.value;
      var start = Math.min(cursor[0], value.length);
      var end = Math.min(cursor[1], value.length);
      // An image is a paragraph of its own: a blank line before and after it.
      var before = start === 0 ? "" : value.slice(Math.max(0, start - 2), start) === "\n\n" ? "" :
        value.charAt(start - 1) === "\n" ? "\n" : "\n\n";
      var after = value.slice(end, end + 2) === "\n\n" ? "" :
        value.charAt(end) === "\n" ? "\n" : "\n\n";
      replaceRange(textarea, start, end, before + placeholder + after);
      say("Uploading " + (file.name || "the image") + "…");
      var body = new FormData();
      body.append("file", file, file.name || "pasted-image.png");
      body.append("description", description);
      return fetch(UPLOAD_URL, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json" }
      }).then(function (response) {
        return response.json().catch(function () {
          return { error: response.status === 413 ? "This file is too large." : "The upload failed." };
        });
      }).then(function (data) {
        var at = textarea.value.indexOf(placeholder);
        var text = data.markdown || "";
        if (at >= 0) replaceRange(textarea, at, at + placeholder.length, text);
        if (data.error) say(data.error, "error");
        else say((data.is_image ? "Image" : "File") + " uploaded: " + data.name + ".", "success");
      }).catch(function () {
        var at = textarea.value.indexOf(placeholder);
        if (at >= 0) replaceRange(textarea, at, at + placeholder.length, "");
        say("The upload failed: check your connection and try again. Your text is safe.", "error");
      });
    }

    /* Alt text: flag preview images without one. */
    function flagMissingAlt() {
      if (!pane) return;
      var missing = 0;
      pane.querySelectorAll("img").forEach(function (img) {
        var bare = !(img.getAttribute("alt") || "").trim();
        img.classList.toggle("files-no-alt", bare);
        if (bare) missing += 1;
      });
      altNote.textContent = missing ? (missing === 1 ? "An image has" : missing + " images have") +
        " no description (alt text): write one between the brackets of ![…](…)." : "";
    }
    if (pane) {
      new MutationObserver(flagMissingAlt).observe(pane, { childList: true, subtree: true });
      flagMissingAlt();
    }
  }

  function start() {
    if (!UPLOAD_URL) return;
    document.querySelectorAll("[data-md-editor]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
