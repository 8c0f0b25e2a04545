/* Forum niceties; every page works without this file.
   - Quote: inserts the quoted post into the reply box on the same page instead of opening the
     composer page (the link's ?quote= URL is the no-JavaScript path).
   - Delete: asks before deleting a post. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-quote]");
    var box = document.querySelector("#reply textarea[name=body]");
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
})();
