/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Search suggestions: a list under the header's search box (the ARIA combobox pattern). Each
  // suggestion says what it is ("Hubs · Category", "Hubs · Page"); arrows move, Enter opens the
  // chosen one, Escape closes the list. Without this script the box is a plain search form.
  var input = document.getElementById("site-search-q");
  if (input && input.dataset.suggestUrl) {
    var form = input.form;
    var box = document.createElement("ul");
    box.id = "site-search-listbox";
    box.className = "suggest";
    box.setAttribute("role", "listbox");
    box.setAttribute("aria-label", "Suggestions");
    box.hidden = true;
    form.appendChild(box);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", box.id);
    var timer = null;
    var options = [];
    var active = -1;

    var close = function () {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    var choose = function (index) {
      options.forEach(function (o, i) { o.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      input.setAttribute("aria-activedescendant", options[index].el.id);
      options[index].el.scrollIntoView({ block: "nearest" });
    };
    var show = function (suggestions) {
      box.replaceChildren();
      options = [];
      suggestions.forEach(function (s, i) {
        // Only paths on this site: never "//elsewhere", "/\\elsewhere" (browsers read it as
        // "//") or "https://...".
        if (!/^\/(?![\/\\])/.test(s.url || "")) { return; }
        var li = document.createElement("li");
        li.id = "site-search-option-" + i;
        li.className = "suggest__option";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "suggest__title";
        title.textContent = s.title;
        var kind = document.createElement("span");
        kind.className = "suggest__kind";
        kind.textContent = [s.kind, s.detail].filter(Boolean).join(" · ");
        li.append(title, kind);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.addEventListener("click", function () { window.location.assign(s.url); });
        box.appendChild(li);
        options.push({ el: li, url: s.url, title: s.title });
      });
      box.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      active = -1;
    };

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) { if (input.value.trim() === q) { show(data.suggestions || []); } })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!options.length) { return; }
        e.preventDefault();
        box.hidden = false;
        input.setAttribute("aria-expanded", "true");
        var last = options.length - 1;
        if (e.key === "ArrowDown") { choose(active >= last ? 0 : active + 1); }
        else { choose(active <= 0 ? last : active - 1); }
      } else if (e.key === "Enter" && active >= 0 && !box.hidden) {
        e.preventDefault();
        window.location.assign(options[active].url);
      } else if (e.key === "Escape" && !box.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
    // Typing a suggestion's whole title and pressing Enter opens it, when only one has it.
    form.addEventListener("submit", function (e) {
      var same = options.filter(function (o) { return o.title === input.value; });
      if (same.length === 1) { e.preventDefault(); window.location.assign(same[0].url); }
    });
  }

  // Escape closes open <details> menus, and the disclosure the focus is in ("Show the post",
  // a "More" menu...), returning focus to its summary so keyboard people stay where they were.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.defaultPrevented) { return; }
    var open = Array.prototype.slice.call(document.querySelectorAll("details.menu[open]"));
    var around = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("details[open]") : null;
    if (around && open.indexOf(around) < 0) { open.push(around); }
    open.forEach(function (d) {
      d.open = false;
      var summary = d.querySelector("summary");
      if (summary && (d.contains(document.activeElement) || d === around)) { summary.focus(); }
    });
  });
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) { d.open = false; }
    });
  });
})();
