// Starts the search worker while the page is still loading, so the locale's index is downloaded and
// loaded alongside the page instead of after it: loaded in <head>, before the stylesheets.
// Material's bundle creates its search worker only once the page is parsed (DOMContentLoaded); the first
// `new Worker(url)` for this worker's URL (search.js puts it in #__config) gets the worker started here.
// Messages the worker posts before Material listens are kept and delivered when it does, so Material sees
// exactly what it would have seen from a worker it started itself.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || typeof Worker === "undefined" || window.HelpcenterSearchStart) return;

  var url = new URL(script.getAttribute("data-worker"), document.baseURI);
  url.searchParams.set("index", new URL(script.getAttribute("data-index"), document.baseURI).href);
  ["badge", "badge_label"].forEach(function (name) {
    var value = script.getAttribute("data-" + name.replace("_", "-"));
    if (value) url.searchParams.set(name, value);
  });

  var NativeWorker = window.Worker;
  var worker, handedOver = false;
  try {
    worker = new NativeWorker(url.href);
  } catch (error) {
    return; // search.js then names the worker as usual and Material starts it
  }

  var held = [];
  function hold(event) { held.push(event.data); }
  worker.addEventListener("message", hold);
  var addEventListener = worker.addEventListener;
  worker.addEventListener = function (type, listener, options) {
    addEventListener.call(worker, type, listener, options);
    if (type !== "message" || held === null) return;
    worker.removeEventListener("message", hold);
    var messages = held;
    held = null;
    // After the caller has finished subscribing; before any message still to come (those are tasks).
    queueMicrotask(function () {
      messages.forEach(function (data) { worker.dispatchEvent(new MessageEvent("message", { data: data })); });
    });
  };

  function HandOver(workerUrl, options) {
    if (!handedOver && String(workerUrl) === url.href) {
      handedOver = true;
      window.Worker = NativeWorker;
      return worker;
    }
    return new NativeWorker(workerUrl, options);
  }
  HandOver.prototype = NativeWorker.prototype;
  window.Worker = HandOver;

  // search-box.js (the home page's box) asks the same worker, with its own message types.
  window.HelpcenterSearchStart = { worker: url.href, instance: worker };
})();
