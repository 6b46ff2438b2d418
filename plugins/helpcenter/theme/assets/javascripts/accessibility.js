// Accessible names for two of Material's widgets that axe-core reports as serious violations:
// the search dialog (Material's partials/search.html: role="dialog" without a name) and the
// instant-navigation progress bar (partials/progress.html: role="progressbar" without a name).
// Fixing the partials themselves would mean copying them, so the names are added here.
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
  }

  if (window.document$) {
    window.document$.subscribe(name);
  } else {
    document.addEventListener("DOMContentLoaded", name);
  }
})();
