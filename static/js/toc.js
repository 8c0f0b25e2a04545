/* The table of contents (templates/includes/toc.html) follows the reader: the link of the
   section being read is marked aria-current="location". On a phone the contents start folded,
   above the text. Without this file the table is a plain list of links. */
(function () {
  "use strict";
  var toc = document.querySelector("[data-toc]");
  if (!toc) { return; }
  if (window.matchMedia("(max-width: 860px)").matches) { toc.open = false; }

  var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
  var sections = links.map(function (link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  });
  var current = null;
  var pending = false;

  function mark() {
    pending = false;
    var reading = null;
    for (var i = 0; i < sections.length; i++) {
      // The last heading above the top fifth of the window is the section being read.
      if (sections[i] && sections[i].getBoundingClientRect().top <= window.innerHeight / 5) {
        reading = links[i];
      }
    }
    if (reading === current) { return; }
    if (current) { current.removeAttribute("aria-current"); }
    if (reading) {
      reading.setAttribute("aria-current", "location");
      // A long table scrolls by itself (never the page) to keep the marked link in view.
      var link = reading.getBoundingClientRect();
      var box = toc.getBoundingClientRect();
      if (link.top < box.top) { toc.scrollTop -= box.top - link.top + 8; }
      else if (link.bottom > box.bottom) { toc.scrollTop += link.bottom - box.bottom + 8; }
    }
    current = reading;
  }

  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(mark); }
  }, { passive: true });
  window.addEventListener("resize", mark);
  mark();
})();
