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
              var option = document.createElement("option");
              option.value = s.title;
              list.appendChild(option);
              // Only paths on this site: never "//elsewhere" or "https://...".
              if (/^\/(?!\/)/.test(s.url || "")) { urls[s.title] = s.url; }
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

  // Close open <details> menus on Escape or a click elsewhere.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      document.querySelectorAll("details.menu[open]").forEach(function (d) {
        d.open = false; d.querySelector("summary").focus();
      });
    }
  });
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) { d.open = false; }
    });
  });
})();
