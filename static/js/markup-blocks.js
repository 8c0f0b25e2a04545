/* Rendered markdown that needs the browser: tabsets and mermaid diagrams (markup app).

   Everything here is an enhancement: without it a tabset is a group of <details> (one open at a
   time) and a mermaid diagram shows its source. No inline script or style is written, so the page
   keeps to a strict Content-Security-Policy: mermaid is the site's own copy (fetched by
   `manage.py fetch_mermaid`), and its drawing is shown as an <img> of the SVG it makes. */
(function () {
  "use strict";

  var counter = 0;

  /* --- Tabsets: <div class="tabset"><details class="tabset__tab"><summary>…</summary>
         <div class="tabset__panel">…</div></details>…</div> → WAI-ARIA tabs. */
  function enhanceTabset(tabset) {
    var tabs = Array.prototype.filter.call(tabset.children, function (el) {
      return el.matches("details.tabset__tab");
    });
    if (!tabs.length) { return; }
    var id = "tabset-" + (++counter);
    var list = document.createElement("div");
    list.className = "tabset__tablist";
    list.setAttribute("role", "tablist");
    var buttons = [];
    var panels = [];
    var openIndex = Math.max(0, tabs.findIndex(function (t) { return t.open; }));
    tabs.forEach(function (details, index) {
      var summary = details.querySelector(":scope > summary");
      var panel = details.querySelector(":scope > .tabset__panel") || document.createElement("div");
      var button = document.createElement("button");
      button.type = "button";
      button.id = id + "-tab-" + index;
      button.setAttribute("role", "tab");
      while (summary && summary.firstChild) { button.appendChild(summary.firstChild); }
      panel.id = id + "-panel-" + index;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      panel.tabIndex = 0;
      button.setAttribute("aria-controls", panel.id);
      list.appendChild(button);
      buttons.push(button);
      panels.push(panel);
      details.replaceWith(panel);
    });
    tabset.insertBefore(list, panels[0]);

    function select(index, focus) {
      buttons.forEach(function (button, i) {
        var selected = i === index;
        button.setAttribute("aria-selected", selected ? "true" : "false");
        button.tabIndex = selected ? 0 : -1;
        panels[i].hidden = !selected;
      });
      if (focus) { buttons[index].focus(); }
    }
    list.addEventListener("click", function (event) {
      var index = buttons.indexOf(event.target.closest("[role=tab]"));
      if (index >= 0) { select(index, false); }
    });
    list.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index < 0) { return; }
      var next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1}[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      select((next + buttons.length) % buttons.length, true);
    });
    select(openIndex, false);
  }

  /* --- Mermaid: <pre class="mermaid">source</pre> → <figure><img src="data:image/svg+xml…"> */
  function mermaidUrl() {
    var script = document.querySelector("script[data-mermaid]");
    return script ? script.getAttribute("data-mermaid") : "";
  }

  function loadMermaid(url) {
    return new Promise(function (resolve, reject) {
      if (window.mermaid) { resolve(window.mermaid); return; }
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { window.mermaid ? resolve(window.mermaid) : reject(); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function svgAsImage(svg, label) {
    var bytes = new TextEncoder().encode(svg);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    var img = document.createElement("img");
    img.src = "data:image/svg+xml;base64," + btoa(binary);
    img.alt = label;
    return img;
  }

  function drawMermaid(blocks) {
    var url = mermaidUrl();
    if (!url || !blocks.length) { return; }
    loadMermaid(url).then(function (mermaid) {
      var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
      mermaid.initialize({
        startOnLoad: false, securityLevel: "strict", theme: "default",
        flowchart: {htmlLabels: false}, darkMode: dark
      });
      blocks.reduce(function (done, pre) {
        return done.then(function () {
          var source = pre.textContent;
          return mermaid.render("mermaid-" + (++counter), source).then(function (result) {
            var figure = document.createElement("figure");
            figure.className = "mermaid-diagram";
            figure.appendChild(svgAsImage(result.svg, "Diagram: " + source.split("\n")[0]));
            pre.replaceWith(figure);
          }, function () { pre.classList.add("mermaid--error"); });
        });
      }, Promise.resolve());
    }, function () { /* no copy of mermaid here: the source stays shown */ });
  }

  function enhance(root) {
    root.querySelectorAll(".prose .tabset").forEach(enhanceTabset);
    drawMermaid(Array.prototype.slice.call(root.querySelectorAll(".prose pre.mermaid, .prose div.mermaid")));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
  // Previews swapped in by htmx get the same treatment.
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
