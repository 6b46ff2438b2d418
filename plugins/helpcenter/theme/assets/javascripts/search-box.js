// The home page's search box (partials/hc-search-hero.html) shows results while the reader types: the
// same worker, index and ranking as the header's search box (search-worker.js), asked with its own
// message types. The results are a list of links (opened, or opened in a new tab, like any link) under a
// status line that says how many were found (a live region, read out as the count changes); the arrow
// keys move between the box and the links, and Enter in the box shows every result without reloading.
// A search that finds nothing, here or in the header's list, offers the contact page and, in a locale
// showing English articles, the same search in the English help center.
// Without scripts the form still works: it opens the home page with ?q=, where Material's search opens.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var data = script.dataset;
  var FIRST = 6; // results listed while typing; Enter or "Show all" lists every one
  var WAIT = 60; // ms after the last key press before asking: one query per burst of typing

  function text(key, count) {
    var value = data[key + "Text"] || "";
    return count === undefined ? value : value.replace("{count}", String(count));
  }

  function element(name, attributes, content) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (content) node.textContent = content;
    return node;
  }

  // "Contact support" and "Search the English help center" for a query that found nothing.
  function deadEnd(query) {
    var box = element("div", { "class": "hc-search-dead-end" });
    box.appendChild(element("p", {}, text("deadEnd")));
    var links = element("ul");
    var contact = element("a", { href: data.contact, "class": "md-button" }, text("contact"));
    links.appendChild(element("li")).appendChild(contact);
    if (data.english) {
      var english = new URL(data.english, document.baseURI);
      english.searchParams.set("q", query);
      links.appendChild(element("li")).appendChild(
        element("a", { href: english.href, hreflang: "en", "class": "md-button" }, text("english")));
    }
    box.appendChild(links);
    return box;
  }

  // The "EN" of an English article in a locale's list, with what a screen reader says for it.
  function badge() {
    var node = element("span", { "class": "hc-search-badge" });
    node.appendChild(element("span", { lang: "en", "aria-hidden": "true" }, text("englishBadge")));
    node.appendChild(element("span", { "class": "hc-visually-hidden" }, text("englishBadgeTitle")));
    return node;
  }

  // -- the home page's box -------------------------------------------------------------------------

  function liveBox(form) {
    var input = form.querySelector("input[type=search]");
    var start = window.HelpcenterSearchStart;
    var worker = start && start.instance;
    if (!input || !worker) return; // no worker of our own: the form opens Material's search instead

    var root = new URL(data.root || "./", document.baseURI);
    var id = "hc-hero-results";
    var panel = element("div", { "class": "hc-hero-results", hidden: "" });
    var status = element("p", { "class": "hc-hero-results__status", role: "status", "aria-live": "polite" });
    var list = element("ul", { id: id, "aria-label": text("resultsLabel"), "class": "hc-hero-results__list" });
    var more = element("button", { type: "button", "class": "hc-hero-results__more md-button" });
    var end = element("div");
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(more);
    panel.appendChild(end);
    form.parentNode.insertBefore(panel, form.nextSibling);

    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " hc-hero-status").trim());
    status.id = "hc-hero-status";

    var asked = 0, timer = 0, results = [], query = "", showAll = false;

    function ask() {
      query = input.value;
      if (!query.trim()) {
        results = [];
        render();
        return;
      }
      asked += 1;
      worker.postMessage({ type: "hc-query", id: asked, data: query });
    }

    worker.addEventListener("message", function (event) {
      var message = event.data || {};
      if (message.type !== "hc-result" || message.id !== asked) return; // an older query's answer
      results = (message.data.items || []).map(function (item) { return item[0]; });
      render();
    });

    function resultItem(result) {
      var item = element("li", { "class": "hc-hero-result" });
      var link = element("a", { href: new URL(result.location, root).href });
      var title = element("span", { "class": "hc-hero-result__title" });
      title.innerHTML = result.heading; // escaped by the worker, with <mark>s
      if (result.fallback) title.setAttribute("lang", "en");
      link.appendChild(title);
      if (result.fallback) link.appendChild(badge());
      var meta = element("span", { "class": "hc-hero-result__category" }, result.category);
      var snippet = element("span", { "class": "hc-hero-result__snippet" });
      snippet.innerHTML = result.snippet;
      if (result.fallback) snippet.setAttribute("lang", "en");
      link.appendChild(meta);
      link.appendChild(snippet);
      item.appendChild(link);
      return item;
    }

    function render() {
      list.textContent = "";
      end.textContent = "";
      if (!query.trim()) {
        panel.hidden = true;
        status.textContent = "";
        return;
      }
      var shown = showAll ? results : results.slice(0, FIRST);
      shown.forEach(function (result) {
        list.appendChild(resultItem(result));
      });
      status.textContent = results.length === 0 ? text("countNone")
        : results.length === 1 ? text("countOne") : text("countOther", results.length);
      more.hidden = shown.length >= results.length;
      more.textContent = text("showAll", results.length);
      if (!results.length) end.appendChild(deadEnd(query));
      panel.hidden = false;
    }

    // The arrow keys move from the box to the links and between them; up from the first link, or Escape,
    // returns to the box.
    function move(from, step) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(from) + step;
      if (at < 0 || !links.length) input.focus();
      else links[Math.min(at, links.length - 1)].focus();
    }

    function showEverything() {
      showAll = true;
      render();
    }

    input.addEventListener("input", function () {
      showAll = false;
      clearTimeout(timer);
      timer = setTimeout(ask, WAIT);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !panel.hidden) {
        event.preventDefault();
        move(null, 1);
      } else if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        input.value = "";
        query = "";
        render();
      } else if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        if (input.value !== query) ask();
        showEverything();
      }
    });
    list.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        move(event.target, event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Escape") {
        event.preventDefault();
        input.focus();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (input.value !== query) ask();
      showEverything();
    });
    more.addEventListener("click", function () {
      showEverything();
      input.focus();
    });
    if (input.value) ask(); // a query the browser restored
  }

  // -- the header's list ---------------------------------------------------------------------------

  function headerDeadEnd() {
    var input = document.querySelector("input.md-search__input");
    var output = document.querySelector(".md-search-result");
    if (!input || !output) return;
    var meta = output.querySelector(".md-search-result__meta");
    var list = output.querySelector(".md-search-result__list");
    if (!meta || !list) return;
    var config = document.getElementById("__config");
    var none = config ? (JSON.parse(config.textContent).translations || {})["search.result.none"] : null;
    if (!none) return;
    var shown = null;
    function update() {
      var query = input.value.trim();
      // Material says so in the meta line when the worker found nothing for the query.
      var empty = query && !list.children.length && meta.textContent.trim() === none.trim();
      if (shown && (!empty || shown.dataset.query !== query)) {
        shown.remove();
        shown = null;
      }
      if (empty && !shown) {
        shown = deadEnd(query);
        shown.dataset.query = query;
        meta.after(shown);
      }
    }
    new MutationObserver(update).observe(output, { childList: true, subtree: true, characterData: true });
    input.addEventListener("input", function () { setTimeout(update, 0); });
  }

  function setUp() {
    var form = document.querySelector("[data-hc-search-hero]");
    if (form) liveBox(form);
    headerDeadEnd();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
