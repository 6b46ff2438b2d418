// Keeps the language switcher on the same article after instant navigation: Material renders the
// switcher once per full page load, so its links are refreshed from the data of the current page.
(function () {
  "use strict";

  function refresh() {
    var links = document.querySelectorAll("#hc-page [data-hc-alternate]");
    links.forEach(function (alternate) {
      var lang = alternate.getAttribute("hreflang");
      document.querySelectorAll('.md-select__link[hreflang="' + lang + '"]').forEach(function (link) {
        link.setAttribute("href", alternate.getAttribute("href"));
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(refresh);
  } else {
    document.addEventListener("DOMContentLoaded", refresh);
  }
})();
