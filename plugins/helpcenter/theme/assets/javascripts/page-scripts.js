// Loads the scripts a page needs only when it has their elements (helpcenter/theming.py, ON_DEMAND_SCRIPTS): at
// the first page and after each instant navigation (Material's document$), each script once. Each script then
// sets itself up on document$, which gives it the current page at once.
// The list is the tag's data-scripts: [[address, CSS selector], …], addresses relative to the first page.
(function () {
  var tag = document.currentScript;
  var wanted = JSON.parse((tag && tag.getAttribute("data-scripts")) || "[]").map(function (item) {
    return { url: new URL(item[0], window.location.href).href, selector: item[1], loaded: false };
  });

  function load() {
    wanted.forEach(function (item) {
      if (item.loaded || !document.querySelector(item.selector)) return;
      item.loaded = true;
      var script = document.createElement("script");
      script.src = item.url;
      document.body.appendChild(script);
    });
  }

  if (window.document$) {
    window.document$.subscribe(load);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load);
  } else {
    load();
  }
})();
