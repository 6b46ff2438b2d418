// The header's links and the language list.
// - Material renders the header once per full page load and keeps it across instant navigation, so its links are
//   refreshed from the current page: the language links from the page's alternates, the links to pages of this
//   help center (data-hc-root-href, relative to the site root) from the page's base URL, and aria-current.
// - The language list is a disclosure: one tab stop (the button); Enter, Space or a click opens it and moves to
//   the current language; arrow keys move in the list; Escape closes it and returns to the button; leaving it
//   closes it. Without this script Material's list opens on focus, as before.
(function () {
  "use strict";

  var OPEN = "hc-select--open";

  function pageData() {
    return document.getElementById("hc-page");
  }

  function refreshLinks() {
    var data = pageData();
    if (!data) return;
    data.querySelectorAll("[data-hc-alternate]").forEach(function (alternate) {
      var lang = alternate.getAttribute("hreflang");
      document.querySelectorAll('.md-select__link[hreflang="' + lang + '"]').forEach(function (link) {
        link.setAttribute("href", alternate.getAttribute("href"));
      });
    });
    var base = data.getAttribute("data-base");
    if (base === null) return;
    base = base.replace(/\/?$/, "/");
    var here = location.href.split("#")[0];
    document.querySelectorAll("header [data-hc-root-href]").forEach(function (link) {
      link.setAttribute("href", base + link.getAttribute("data-hc-root-href"));
      if (link.href === here) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }

  function links(select) {
    return Array.prototype.slice.call(select.querySelectorAll(".md-select__link"));
  }

  function setOpen(select, open, focusLink) {
    var button = select.querySelector("button");
    select.classList.toggle(OPEN, open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    links(select).forEach(function (link) {
      if (open) link.removeAttribute("tabindex");
      else link.setAttribute("tabindex", "-1");
    });
    if (open && focusLink) {
      var current = select.querySelector('.md-select__link[aria-current="true"]') || links(select)[0];
      if (current) current.focus();
    }
  }

  function setUp(select) {
    var button = select.querySelector("button");
    var list = select.querySelector(".md-select__inner");
    if (!button || !list || select.hasAttribute("data-hc-disclosure")) return;
    select.setAttribute("data-hc-disclosure", "");
    list.id = list.id || "hc-language-list";
    button.setAttribute("aria-controls", list.id);
    button.setAttribute("type", "button");
    var lang = document.documentElement.getAttribute("lang");
    links(select).forEach(function (link) {
      if (link.getAttribute("hreflang") === lang) link.setAttribute("aria-current", "true");
      // Each entry names its language in that language ("English", "日本語"): screen readers read it so.
      if (link.getAttribute("hreflang")) link.setAttribute("lang", link.getAttribute("hreflang"));
    });
    setOpen(select, false);

    button.addEventListener("click", function (event) {
      event.preventDefault();
      // A click by keyboard (Enter, Space) has no pointer position: move into the list then.
      setOpen(select, !select.classList.contains(OPEN), event.detail === 0);
    });
    // Keys handled here stop here: Material's own keyboard handling (on the document) would move the focus to
    // its search dialog when that is open.
    select.addEventListener("keydown", function (event) {
      var items = links(select);
      var at = items.indexOf(document.activeElement);
      if (event.key === "Escape" && select.classList.contains(OPEN)) {
        setOpen(select, false);
        button.focus();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && (at >= 0 || event.target === button)) {
        if (!select.classList.contains(OPEN)) setOpen(select, true, true);
        else items[event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0)].focus();
      } else if ((event.key === "Home" || event.key === "End") && at >= 0) {
        items[event.key === "Home" ? 0 : items.length - 1].focus();
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    select.addEventListener("focusout", function (event) {
      if (!select.contains(event.relatedTarget)) setOpen(select, false);
    });
  }

  function refresh() {
    refreshLinks();
    document.querySelectorAll("header .md-select").forEach(setUp);
  }

  if (window.document$) {
    window.document$.subscribe(refresh);
  } else {
    document.addEventListener("DOMContentLoaded", refresh);
  }
})();
