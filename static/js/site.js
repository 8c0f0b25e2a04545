/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Search suggestions: fill the header search box's datalist as the person types.
  var input = document.getElementById("site-search-q");
  if (input && input.dataset.suggestUrl) {
    var list = document.getElementById("site-search-suggestions");
    var timer = null;
    var urls = {};  // suggestion title -> its page, so picking one opens it directly
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren();
            urls = {};
            (data.suggestions || []).forEach(function (s) {
              // The label is unique ("Hubs (category)", "Hubs (page)"); the kind shows beside it.
              var label = s.label || s.title;
              var option = document.createElement("option");
              option.value = label;
              // A datalist only lists options containing what was typed, so a correction
              // ("Hubs" for "hbus") says what it corrects.
              option.label = (s.kind || "") + (s.corrected ? " · for “" + q + "”" : "");
              list.appendChild(option);
              // Only paths on this site: never "//elsewhere", "/\\elsewhere" (browsers read it
              // as "//") or "https://...".
              if (/^\/(?![\/\\])/.test(s.url || "")) { urls[label] = s.url; }
            });
          })
          .catch(function () {});
      }, 150);
    });
    input.form.addEventListener("submit", function (e) {
      var url = urls[input.value];
      if (url) { e.preventDefault(); window.location.assign(url); }
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
