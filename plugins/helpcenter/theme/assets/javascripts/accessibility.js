// Accessible names for Material's widgets that have none: the search dialog (Material's partials/search.html:
// role="dialog" without a name), the instant-navigation progress bar (partials/progress.html: role="progressbar"
// without a name), and the sidebar's expand toggles (partials/nav-item.html: a focusable <label> with only an
// icon, which also names the section's list). Fixing the partials themselves would mean copying them, so the
// names are added here; the toggles' words come from the strings (frame.nav.section_toggle, on the header).
(function () {
  "use strict";

  function name() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var query = document.querySelector(".md-search__input[aria-label]");
    if (dialog && query && !dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      // Material's own translated label of the search field ("Search", "搜索"…) names the dialog.
      dialog.setAttribute("aria-label", query.getAttribute("aria-label"));
    }
    var progress = document.querySelector('.md-progress[role="progressbar"]');
    if (progress && !progress.hasAttribute("aria-label")) {
      // The bar only draws while the next page loads and exposes no value a screen reader could read.
      progress.setAttribute("aria-hidden", "true");
    }
    nameSectionToggles();
    // The drawer's logo (Material's partials/nav.html) sits in a link named by the site's name: its English
    // alt="logo" is noise for a screen reader in any language.
    document.querySelectorAll('.md-logo[aria-label] img[alt="logo"]').forEach(function (image) {
      image.setAttribute("alt", "");
    });
  }

  function nameSectionToggles() {
    var header = document.querySelector("header[data-hc-section-toggle]");
    var words = header && header.getAttribute("data-hc-section-toggle");
    if (!words) return;
    document.querySelectorAll(".md-nav__container > label.md-nav__link[for]").forEach(function (toggle) {
      var input = document.getElementById(toggle.getAttribute("for"));
      var section = toggle.parentNode.querySelector("a .md-ellipsis");
      if (!input || !section) return;
      // The label opens and closes its section's list: a button that says whether the list is open (a plain
      // label may not carry a name of its own).
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-label", words.replace("{section}", section.textContent.trim()));
      toggle.setAttribute("aria-expanded", input.checked ? "true" : "false");
      if (!input.hasAttribute("data-hc-expanded-sync")) {
        input.setAttribute("data-hc-expanded-sync", "");
        input.addEventListener("change", function () {
          toggle.setAttribute("aria-expanded", input.checked ? "true" : "false");
        });
      }
    });
  }

  if (window.document$) {
    window.document$.subscribe(name);
  } else {
    document.addEventListener("DOMContentLoaded", name);
  }
})();
