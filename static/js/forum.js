/* Forum niceties; every page works without this file.
   - Quote: inserts the quoted post into the reply box on the same page instead of opening the
     composer page (the link's ?quote= URL is the no-JavaScript path).
   - Reply: answers one post from the reply box below (the link's ?reply_to= is the fallback).
   - Reactions: the toggle buttons post their form with fetch and swap in the new counts.
   - Drafts: a composer with data-draft-url saves its text on the server while one types and
     when the tab is hidden or closed, so a reload or another device finds it again.
   - Delete: asks before deleting a post. */
(function () {
  "use strict";

  var DRAFT_DELAY_MS = 800;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function replyBox() {
    return document.querySelector("#reply textarea[name=body]");
  }

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  /* --- Quote -------------------------------------------------------------------------------- */
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-quote]");
    var box = replyBox();
    if (!link || !box || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    fetch(link.href, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("quote failed");
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var quoted = doc.querySelector("textarea[name=body]");
        if (!quoted) throw new Error("no composer");
        var text = quoted.value;
        box.value = box.value ? box.value.replace(/\s*$/, "\n\n") + text : text;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.focus();
        box.setSelectionRange(box.value.length, box.value.length);
        box.scrollIntoView({ block: "center" });
      })
      .catch(function () { window.location.href = link.href; });
  });

  /* --- Reply to one post -------------------------------------------------------------------- */
  function setReplyTo(form, postId, label, href) {
    var field = form.querySelector("input[name=reply_to]");
    var note = form.querySelector("[data-replying-to]");
    if (!field || !note) return false;
    field.value = postId || "";
    note.hidden = !postId;
    var link = note.querySelector("[data-replying-to-link]");
    if (postId) {
      link.textContent = label;
      link.href = href;
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    var box = replyBox();
    if (!link || !box || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var permalink = link.closest("article").querySelector(".forum-post__number");
    if (!setReplyTo(box.form, link.getAttribute("data-reply-to"), link.getAttribute("data-reply-label"),
                    permalink ? permalink.href : link.href)) return;
    event.preventDefault();
    box.focus();
    box.scrollIntoView({ block: "center" });
  });

  document.addEventListener("click", function (event) {
    var clear = event.target.closest("[data-replying-to-clear]");
    if (!clear) return;
    setReplyTo(clear.form, "", "", "");
    var box = clear.form.querySelector("textarea[name=body]");
    if (box) box.focus();
  });
  document.querySelectorAll("[data-replying-to-clear]").forEach(function (button) { button.hidden = false; });

  /* --- Reactions ---------------------------------------------------------------------------- */
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-react-form]");
    if (!form || event.defaultPrevented) return;
    var button = event.submitter;
    if (!button || button.name !== "kind") return;
    event.preventDefault();
    var body = new FormData(form);
    body.append("kind", button.value);
    var bar = form.closest("[data-reactions]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrfToken(form) }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("text/html") !== 0) throw new Error("reaction failed");
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-reactions]");
      if (!fresh) throw new Error("no reactions");
      bar.replaceWith(fresh);
      var again = fresh.querySelector("button[name=kind][value=\"" + button.value + "\"]");
      if (again) again.focus();
    }).catch(function () {
      button.disabled = false;
      form.submit(); // the plain form: the server answers with the thread and a message
    });
  });

  /* --- Drafts ------------------------------------------------------------------------------- */
  function setUpDraft(form) {
    var url = form.getAttribute("data-draft-url");
    var status = form.querySelector("[data-draft-status]");
    var timer = null;
    var dirty = false;
    var posting = false;

    function fields() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken(form));
      data.append("fetch", "1"); // a beacon cannot send headers: answer JSON, set no message
      ["body", "title", "reply_to"].forEach(function (name) {
        var field = form.elements[name];
        if (field) data.append(name, field.value);
      });
      return data;
    }

    function say(text) { if (status) status.textContent = text; }

    function save() {
      clearTimeout(timer);
      if (!dirty || posting) return;
      dirty = false;
      say("Saving draft…");
      fetch(url, {
        method: "POST", body: fields(), credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrfToken(form) }
      }).then(function (response) {
        if (!response.ok) throw new Error("draft: " + response.status);
        return response.json();
      }).then(function (data) {
        form.setAttribute("data-draft-state", "saved");
        say(data.saved ? "Draft saved" : "");
      }).catch(function () {
        dirty = true;
        form.setAttribute("data-draft-state", "failed");
        say("Draft not saved: check your connection");
      });
    }

    form.addEventListener("input", function () {
      dirty = true;
      form.setAttribute("data-draft-state", "pending");
      clearTimeout(timer);
      timer = setTimeout(save, DRAFT_DELAY_MS);
    });
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "preview") return;
      posting = true;
      clearTimeout(timer);
    });
    // Leaving (reload, closed tab, another page): a beacon still reaches the server.
    function flush() {
      if (!dirty || posting || !navigator.sendBeacon) return;
      if (navigator.sendBeacon(url, fields())) {
        dirty = false;
        form.setAttribute("data-draft-state", "saved");
      }
    }
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") flush();
    });
  }

  document.querySelectorAll("form[data-draft-url]").forEach(setUpDraft);
})();
