// Article feedback: "Was this article helpful?" Yes / No, a reason and a comment after No, posted as JSON
// to the collector. No cookies and no third parties; the browser only remembers (localStorage) that this
// reader voted on this revision, and keeps a random id for the tab (sessionStorage) that tells readers sharing
// an address apart. A failed post is shown with a retry button and the answer is kept.
(function () {
  "use strict";

  var STORAGE_PREFIX = "hc-feedback:";
  var TAB_KEY = "hc-feedback-tab";

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function remembered(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: nothing to keep */ }
  }

  // A random id of this tab, gone when the tab closes: readers behind one address (an office, a carrier) are
  // counted apart, and a reader who changes their mind in this tab counts once. The collector stores only a
  // salted hash of it, with its daily salt.
  function tabId() {
    try {
      var id = window.sessionStorage.getItem(TAB_KEY);
      if (!id) {
        var bytes = new Uint8Array(16);
        window.crypto.getRandomValues(bytes);
        id = Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
        window.sessionStorage.setItem(TAB_KEY, id);
      }
      return id;
    } catch (error) { return null; }  // storage or crypto unavailable: counted by address alone
  }

  // The search terms that brought the reader here: Material's search adds them as ?h=… to result links.
  function searchTerms() {
    try { return (new URLSearchParams(window.location.search).get("h") || "").slice(0, 200) || null; }
    catch (error) { return null; }
  }

  function setup() {
    var root = document.querySelector("[data-hc-feedback]");
    var pageData = document.getElementById("hc-page");
    if (!root || !pageData || root.getAttribute("data-hc-ready")) return;
    root.setAttribute("data-hc-ready", "true");

    var strings = JSON.parse(root.getAttribute("data-strings") || "{}");
    var limit = parseInt(root.getAttribute("data-limit"), 10) || 2000;
    var endpoint = new URL(root.getAttribute("data-endpoint") || "/api/feedback", window.location.href).href;
    var article = parseInt(pageData.getAttribute("data-article"), 10);
    var locale = pageData.getAttribute("data-locale");
    var revision = pageData.getAttribute("data-revision") || null;
    var key = STORAGE_PREFIX + article + ":" + locale + ":" + revision;

    var form = root.querySelector("[data-hc-feedback-form]");
    var voteButtons = root.querySelectorAll("[data-hc-vote]");
    var details = root.querySelector("[data-hc-details]");
    var comment = root.querySelector("textarea[name=comment]");
    var counter = root.querySelector("[data-hc-counter]");
    var sendButton = root.querySelector("[data-hc-send]");
    var status = root.querySelector("[data-hc-status]");
    var errorBox = root.querySelector("[data-hc-error]");
    var errorText = root.querySelector("[data-hc-error-text]");
    var retry = root.querySelector("[data-hc-retry]");
    var done = root.querySelector("[data-hc-done]");
    var thanks = root.querySelector("[data-hc-thanks]");
    var contact = root.querySelector("[data-hc-contact]");
    var pending = null;  // the answer being sent; kept until the collector has stored it

    function showDone(text, helpful) {
      form.hidden = true;
      errorBox.hidden = true;
      status.textContent = "";
      thanks.textContent = text;
      if (contact) contact.hidden = helpful !== false;
      done.hidden = false;
    }

    function setBusy(busy) {
      voteButtons.forEach(function (button) { button.disabled = busy; });
      if (sendButton) sendButton.disabled = busy;
      retry.disabled = busy;
    }

    function fail(message) {
      setBusy(false);
      status.textContent = "";
      errorText.textContent = message;
      errorBox.hidden = false;
    }

    function send() {
      if (!pending) return;
      var vote = pending;
      setBusy(true);
      errorBox.hidden = true;
      status.textContent = strings.sending;
      window.fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(vote),
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer"
      }).then(function (response) {
        if (response.status === 201) {
          pending = null;
          remember(key, vote.helpful ? "yes" : "no");
          showDone(vote.helpful ? strings.thanks : strings.thanks_no, vote.helpful);
          thanks.focus();
        } else if (response.status === 429) {
          fail(strings.error_rate);
        } else {
          fail(strings.error_rejected);
        }
      }, function () {
        fail(strings.error_network);
      });
    }

    function vote(helpful) {
      var payload = { article: article, locale: locale, helpful: helpful, revision: revision };
      var tab = tabId();
      if (tab) payload.tab = tab;
      var terms = searchTerms();
      if (terms) payload.search = terms;
      return payload;
    }

    // Already voted on this revision: thank the reader instead of asking again.
    var previous = remembered(key);
    if (previous) {
      showDone(strings.already, previous === "yes");
      root.hidden = false;
      return;
    }

    voteButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var helpful = button.getAttribute("data-hc-vote") === "yes";
        voteButtons.forEach(function (other) { other.setAttribute("aria-pressed", String(other === button)); });
        if (helpful) {
          details.hidden = true;
          pending = vote(true);
          send();
        } else {
          details.hidden = false;
          root.querySelector("[data-hc-details-title]").focus();
        }
      });
    });

    function updateCounter() {
      counter.textContent = format(strings.counter, { count: comment.value.length, limit: limit });
    }
    comment.addEventListener("input", updateCounter);
    updateCounter();

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var payload = vote(false);
      var reason = form.querySelector("input[name=reason]:checked");
      if (reason) payload.reason = reason.value;
      var text = comment.value.trim().slice(0, limit);
      if (text) payload.comment = text;
      var trap = form.querySelector("input[name=website]");
      if (trap && trap.value) payload.website = trap.value;
      pending = payload;
      send();
    });

    retry.addEventListener("click", send);
    root.hidden = false;
  }

  if (window.document$) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
