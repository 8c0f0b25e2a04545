/* The API's docs page (/api/docs/) in the reader's light or dark, as the rest of the site.
   Swagger UI ships its dark styles keyed to a "dark-mode" class on <html> (its own toggle is not
   in the bundle django-ninja serves); this sets the class from prefers-color-scheme, before the
   page is drawn (loaded in <head>, not deferred) and again when the system switches. */
(function () {
  "use strict";
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var follow = function () {
    document.documentElement.classList.toggle("dark-mode", dark.matches);
  };
  follow();
  dark.addEventListener("change", follow);
})();
