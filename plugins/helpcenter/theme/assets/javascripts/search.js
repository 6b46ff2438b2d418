// Points Material's search at the reader's locale. Loaded before Material's bundle (see
// partials/hc-search-scripts.html), because the bundle reads its configuration once at start:
// - the worker named in #__config becomes ours, told which locale's index to load (search-start.js has
//   usually started it while the page loaded);
// - `base` in #__config becomes the locale's root: Material reads `<base>sitemap.xml` for instant
//   navigation (each locale has its own, see plugins/helpcenter/i18n/sitemaps.py) and resolves result
//   locations against it (the locale's index lists them relative to its root);
// - the bundle fetches the site-wide search/search_index.json only for a form named "search", so the
//   name is removed: each locale's pages load only their own index.
// `?h=` terms of a search result are marked on the page it opens (Material's highlighter needs the
// site-wide index).
(function () {
  "use strict";

  var script = document.currentScript;
  var config = document.getElementById("__config");
  if (!script || !config) return;

  var settings = JSON.parse(config.textContent);
  // search-start.js (in <head>) has usually started the worker already: name that one.
  var start = window.HelpcenterSearchStart;
  if (start) {
    settings.search = start.worker;
  } else {
    var worker = new URL(script.getAttribute("data-worker"), document.baseURI);
    worker.searchParams.set("index", new URL(script.getAttribute("data-index"), document.baseURI).href);
    ["badge", "badge_label"].forEach(function (name) {
      var value = script.getAttribute("data-" + name.replace("_", "-"));
      if (value) worker.searchParams.set(name, value);
    });
    settings.search = worker.href;
  }
  var localeRoot = script.getAttribute("data-locale-root");
  if (localeRoot) settings.base = localeRoot;
  config.textContent = JSON.stringify(settings);
  var form = document.forms.namedItem("search");
  if (form) form.removeAttribute("name");

  function markTerms() {
    var terms = (new URL(location.href).searchParams.get("h") || "").split(/\s+/).filter(Boolean);
    var content = document.querySelector("[data-md-component=content] article, article.md-content__inner");
    if (!terms.length || !content || content.querySelector("mark[data-md-highlight]")) return;
    var pattern = new RegExp("(" + terms.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "giu");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && !node.parentElement.closest("script, style, .headerlink") && pattern.test(node.data)) {
        nodes.push(node);
      }
      pattern.lastIndex = 0;
    }
    nodes.forEach(function (text) {
      var fragment = document.createDocumentFragment();
      text.data.split(pattern).forEach(function (part, i) {
        if (!part) return;
        if (i % 2) {
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = part;
          fragment.appendChild(mark);
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      text.parentNode.replaceChild(fragment, text);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.document$) {
      window.document$.subscribe(markTerms);
    }
  });
})();
