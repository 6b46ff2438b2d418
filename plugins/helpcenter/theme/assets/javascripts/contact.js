// Contact support: pick a topic, describe the problem, see articles that may answer it, then reach a person
// through a channel that opens with the context filled in. Nothing leaves the page until the reader follows a
// channel link; the "Opens with" list under each link is built from the same values as the link itself.
// The URL templating mirrors plugins/helpcenter/contact/templating.py (tests/contact/cases/templating.json).
(function () {
  "use strict";

  // -- URL templates ---------------------------------------------------------------------------------
  var TOKEN = /\{([^{}]*)\}/g;
  var WS = "[ \\t\\n\\u000b\\u000c\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  var TRAILING_WS = new RegExp(WS + "+$");
  var LEADING_WS = new RegExp("^" + WS + "+");
  var LINE_BREAK = new RegExp(WS + "*\\n" + WS + "*", "g");
  var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
  var ELLIPSIS = "\u2026";
  var SUBJECT_LIMIT = 80;
  var PLACEHOLDERS = ["locale", "category", "topic", "article_id", "article_title", "article_url", "query", "subject"];

  function strip(text, start) {
    text = text.replace(TRAILING_WS, "");
    return start === false ? text : text.replace(LEADING_WS, "");
  }

  function wellFormed(text) {
    // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): replace it.
    return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m, before) {
      return (before || "") + "\ufffd";
    });
  }

  function encodeComponent(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function cleanValue(value, multiline) {
    var text = wellFormed(String(value === undefined || value === null ? "" : value)).normalize("NFC");
    text = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n");
    if (!multiline) text = text.replace(LINE_BREAK, " ");
    text = text.replace(/\t/g, " ").replace(CONTROL, "");
    return strip(text);
  }

  function truncate(text, limit) {
    if (limit <= 0) return "";
    var chars = Array.from(text);
    if (chars.length <= limit) return text;
    var cut = chars.slice(0, limit - 1);
    var space = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("\n"));
    if (space >= (limit - 1) * 0.8) cut = cut.slice(0, space);
    return strip(cut.join(""), false) + ELLIPSIS;
  }

  function subjectFor(query, context) {
    var lines = query.split("\n").map(function (line) { return strip(line); }).filter(Boolean);
    return truncate(lines[0] || cleanValue(context.article_title) || cleanValue(context.topic), SUBJECT_LIMIT);
  }

  function render(template, values, mailto) {
    var hashAt = template.indexOf("#");
    var base = hashAt < 0 ? template : template.slice(0, hashAt);
    var fragment = hashAt < 0 ? "" : template.slice(hashAt);
    var questionAt = base.indexOf("?");
    if (questionAt >= 0) {
      var kept = base.slice(questionAt + 1).split("&").filter(function (pair) {
        var equals = pair.indexOf("=");
        if (equals < 0) return true;
        var names = (pair.slice(equals + 1).match(TOKEN) || []).map(function (token) { return token.slice(1, -1); });
        // A parameter that would carry nothing from the reader's context is left out.
        return !names.length || names.some(function (name) { return values[name]; });
      });
      base = base.slice(0, questionAt) + (kept.length ? "?" + kept.join("&") : "");
    }
    var sent = [];
    var seen = {};
    var url = (base + fragment).replace(TOKEN, function (match, name) {
      var value = values[name] || "";
      if (value && !seen[name]) {
        seen[name] = true;
        sent.push([name, value]);
      }
      if (mailto) value = value.replace(/\n/g, "\r\n");
      return encodeComponent(value);
    });
    return { url: url, sent: sent };
  }

  // The channel URL for this context; `limits` is {query, url}.
  function fillTemplate(template, context, limits) {
    limits = limits || { query: 500, url: 2000 };
    var names = [];
    template.replace(TOKEN, function (match, name) { names.push(name); return match; });
    var mailto = template.toLowerCase().indexOf("mailto:") === 0;
    var base = {};
    PLACEHOLDERS.forEach(function (name) {
      if (name !== "query" && name !== "subject") base[name] = cleanValue(context[name]);
    });
    var typed = cleanValue(context.query, true);

    function attempt(queryLimit) {
      var query = truncate(typed, queryLimit);
      var subject = context.subject ? cleanValue(context.subject) : subjectFor(query, base);
      var values = Object.assign({}, base, { query: query, subject: truncate(subject, SUBJECT_LIMIT) });
      return render(template, values, mailto);
    }

    var longest = Math.min(Array.from(typed).length, limits.query);
    var result = attempt(longest);
    if (result.url.length <= limits.url || (names.indexOf("query") < 0 && names.indexOf("subject") < 0)) return result;
    var low = 0;
    var high = longest;
    while (low < high) {
      var middle = Math.floor((low + high + 1) / 2);
      if (attempt(middle).url.length <= limits.url) low = middle;
      else high = middle - 1;
    }
    return attempt(low);
  }

  // -- Suggestions: rank this locale's articles against the words typed ------------------------------
  var CJK = "\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff";
  var CJK_CHAR = new RegExp("[" + CJK + "]");
  var RUNS = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "g");
  var WORDS = /[\p{L}\p{N}]+/gu;
  var FIELD_WEIGHTS = { title: 10, tags: 8, description: 6, headings: 3, text: 1 };
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&nbsp;": " " };

  function normalizeText(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "");
  }

  // Words, with CJK runs apart from the Latin letters around them ("启用2fa" -> "启用", "2fa").
  function runs(text) {
    var result = [];
    (normalizeText(text).match(WORDS) || []).forEach(function (word) {
      (word.match(RUNS) || []).forEach(function (run) { result.push(run); });
    });
    return result;
  }

  // Search terms: Latin-script words of two or more letters (matched as word prefixes), and CJK text as
  // overlapping character pairs (matched anywhere), so "账户被盗" finds "账户可能被盗". Each term lists the
  // parts of the query it stands for (a word, or the two characters of a pair): an article covers the
  // query by the parts its matching terms stand for.
  function queryTerms(query) {
    var byText = {};
    var terms = [];
    function add(text, cjk, units) {
      var term = byText[text];
      if (!term) {
        term = byText[text] = { text: text, cjk: cjk, units: [] };
        terms.push(term);
      }
      units.forEach(function (unit) { if (term.units.indexOf(unit) < 0) term.units.push(unit); });
    }
    runs(query).forEach(function (run, r) {
      var chars = Array.from(run);
      if (CJK_CHAR.test(run)) {
        if (chars.length === 1) add(run, true, [r + ":0"]);
        for (var i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1], true, [r + ":" + i, r + ":" + (i + 1)]);
      } else if (chars.length >= 2 || /\d/.test(run)) {
        add(run, false, [String(r)]);
      }
    });
    return terms;
  }

  function prepareField(text) {
    return " " + runs(text).join(" ") + " ";
  }

  function stripHtml(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, function (e) {
      return ENTITIES[e];
    });
  }

  function matches(field, term) {
    return term.cjk ? field.indexOf(term.text) >= 0 : field.indexOf(" " + term.text) >= 0;
  }

  // articles: [{id, title, description, tags, category, priority, url, source_url}];
  // sections: {url: {headings: [...], text: [...]}} from the search index (may be empty).
  function buildCorpus(articles, sections) {
    return articles.map(function (article) {
      var extra = sections[article.url] || { headings: [], text: [] };
      return {
        article: article,
        fields: {
          title: prepareField(article.title),
          tags: prepareField((article.tags || []).join(" ")),
          description: prepareField(article.description),
          headings: prepareField(extra.headings.join(" ")),
          text: prepareField(extra.text.join(" "))
        }
      };
    });
  }

  // Up to `limit` articles, best first. A term counts by how rare it is among the articles (words found
  // everywhere weigh little) times the weight of the best field it is found in (title, tags and description
  // weigh more than headings and text); the sum is scaled by the share of the query the article covers.
  function rankArticles(corpus, query, options) {
    options = options || {};
    var limit = options.limit || 5;
    var terms = queryTerms(query);
    var total = corpus.length;
    var fieldNames = Object.keys(FIELD_WEIGHTS);
    var found = corpus.map(function (doc) {
      return terms.map(function (term) {
        var best = 0;
        fieldNames.forEach(function (name) {
          if (FIELD_WEIGHTS[name] > best && matches(doc.fields[name], term)) best = FIELD_WEIGHTS[name];
        });
        return best;
      });
    });
    var weights = terms.map(function (term, t) {
      var df = found.filter(function (row) { return row[t] > 0; }).length;
      return df ? Math.log(1 + total / df) : 0;
    });
    // Parts no article has (a typo, a pair across two words) do not count against anyone.
    var units = {};
    terms.forEach(function (term, t) {
      if (weights[t]) term.units.forEach(function (unit) { units[unit] = true; });
    });
    var unitCount = Object.keys(units).length;
    if (!unitCount) return [];
    var scored = corpus.map(function (doc, d) {
      var score = 0;
      var covered = {};
      terms.forEach(function (term, t) {
        if (!found[d][t]) return;
        score += weights[t] * found[d][t];
        term.units.forEach(function (unit) { covered[unit] = true; });
      });
      var coverage = Object.keys(covered).length / unitCount;
      score *= coverage * coverage;
      if (options.topic && doc.article.category === options.topic) score *= 1.5;
      return { article: doc.article, score: score, coverage: coverage };
    }).filter(function (entry) { return entry.score > 0 && entry.coverage >= 0.5; });
    scored.sort(function (a, b) { return b.score - a.score || a.article.title.localeCompare(b.article.title); });
    if (!scored.length) return [];
    var best = scored[0].score;
    return scored.filter(function (entry) { return entry.score >= best * 0.2; }).slice(0, limit);
  }

  // Section headings and text per article URL of this locale, from a Material search index. A per-locale
  // index may list locations relative to the locale's root; the shared index lists every locale's pages,
  // where a fallback article appears under its English address.
  function sectionsFromIndex(index, data, perLocale) {
    var byLocation = {};
    data.articles.forEach(function (article) {
      byLocation[article.url] = article.url;
      if (article.source_url) byLocation[article.source_url] = article.url;
    });
    var sections = {};
    (index.docs || []).forEach(function (doc) {
      var location = String(doc.location || "").replace(/^\.?\//, "").split("#")[0];
      var url = byLocation[location] || (perLocale && data.prefix ? byLocation[data.prefix + location] : undefined);
      if (!url) return;
      var entry = sections[url] || (sections[url] = { headings: [], text: [] });
      entry.headings.push(stripHtml(doc.title));
      entry.text.push(stripHtml(doc.text));
    });
    return sections;
  }

  // -- Page wiring ------------------------------------------------------------------------------------
  var indexes = {}; // URL -> Promise of the parsed index (kept across instant navigation)
  var statuses = {}; // URL -> {at, promise}

  function siteUrl(path) {
    var page = document.getElementById("hc-page");
    var base = page ? page.getAttribute("data-base") || "." : ".";
    return new URL(path, new URL(base.replace(/\/?$/, "/"), window.location.href)).href;
  }

  function loadIndex(url) {
    if (!indexes[url]) {
      indexes[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
      indexes[url].catch(function () { delete indexes[url]; });
    }
    return indexes[url];
  }

  // The reader's locale index (one per locale), else the shared index; null when neither loads.
  function loadSections(data) {
    var urls = data.search_indexes;
    var perLocale = urls.length > 1;
    return loadIndex(siteUrl(urls[0])).then(function (index) {
      return sectionsFromIndex(index, data, perLocale);
    }, function () {
      if (urls.length < 2) return {};
      return loadIndex(siteUrl(urls[1])).then(function (index) {
        return sectionsFromIndex(index, data, false);
      }, function () { return {}; });
    });
  }

  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      return values[name] !== undefined ? values[name] : m;
    });
  }

  // Current waits per channel id: {"channels": {"chat": {"wait_minutes": 3}, "email": {"available": false}}}.
  // Nothing about the reader goes with this request.
  function loadStatus(url) {
    var cached = statuses[url];
    if (cached && Date.now() - cached.at < 60000) return cached.promise;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, 5000) : null;
    var promise = fetch(url, { credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store",
                               signal: controller ? controller.signal : undefined })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .finally(function () { if (timer) clearTimeout(timer); });
    statuses[url] = { at: Date.now(), promise: promise };
    promise.catch(function () { delete statuses[url]; });
    return promise;
  }

  function showStatus(root, statusUrl, strings) {
    if (!statusUrl) return;
    var url = /^https?:\/\//.test(statusUrl) ? statusUrl : siteUrl(statusUrl);
    loadStatus(url).then(function (status) {
      var channels = (status && status.channels) || {};
      root.querySelectorAll("[data-hc-channel]").forEach(function (item) {
        var entry = channels[item.getAttribute("data-hc-channel")];
        var slot = item.querySelector("[data-hc-wait]");
        if (!entry || !slot) return;
        var minutes = Number(entry.wait_minutes);
        if (entry.available === false) slot.textContent = strings["contact.status.unavailable"];
        else if (isFinite(minutes) && minutes >= 0 && minutes < 120) {
          slot.textContent = format(strings["contact.status.wait_minutes"], { count: Math.max(1, Math.round(minutes)) });
        } else if (isFinite(minutes) && minutes >= 120) {
          slot.textContent = format(strings["contact.status.wait_hours"], { count: Math.round(minutes / 60) });
        } else return;
        slot.hidden = false;
      });
    }, function () { /* the configured expected times stay */ });
  }

  // What a link carries, in words ("Language: English", "Topic: Security"), never as the codes it carries.
  // The same as sent_words in plugins/helpcenter/contact/views.py.
  var SENT_GROUPS = { locale: "language", category: "topic", topic: "topic", article_id: "article",
                      article_title: "article", article_url: "article", subject: "subject", query: "query" };

  function describeSent(sent, strings, words) {
    var result = [];
    var seen = {};
    sent.forEach(function (pair) {
      var group = SENT_GROUPS[pair[0]];
      if (!group || seen[group]) return;
      seen[group] = true;
      var value = pair[1];
      if (group === "language") result.push(format(strings["contact.sent.language"], { value: words.language || value }));
      else if (group === "topic") result.push(format(strings["contact.sent.topic"], { value: words.topic || value }));
      else if (group === "article") {
        result.push(words.on_article ? strings["contact.sent.this_article"]
          : format(strings["contact.sent.article"], { value: words.article_title || value }));
      } else if (group === "subject") result.push(format(strings["contact.sent.subject"], { value: value }));
      else result.push(strings["contact.sent.query"]);
    });
    return result;
  }

  function renderSends(container, described, strings) {
    container.textContent = "";
    if (!described.length) {
      container.textContent = strings["contact.sends_nothing"];
      return;
    }
    var list = document.createElement("ul");
    list.className = "hc-sent";
    described.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function articleFromHash(data) {
    var match = /^#article=(\d+)$/.exec(window.location.hash || "");
    if (!match) return null;
    var id = Number(match[1]);
    return data.articles.filter(function (a) { return a.id === id; })[0] || null;
  }

  function setupContactPage(root) {
    var data = JSON.parse(root.getAttribute("data-hc-contact"));
    var strings = data.strings;
    var form = root.querySelector("[data-hc-contact-form]");
    var channelsSection = root.querySelector("[data-hc-contact-channels]");
    var channelsTitle = channelsSection.querySelector("[data-hc-channels-title]");
    var urgentBox = channelsSection.querySelector("[data-hc-urgent]");
    var query = form.querySelector("textarea");
    var topicError = form.querySelector("[data-hc-topic-error]");
    var suggestionsBox = form.querySelector("[data-hc-suggestions-box]");
    var suggestionsList = form.querySelector("[data-hc-suggestions]");
    var suggestionsStatus = form.querySelector("[data-hc-suggestions-status]");
    var showButton = form.querySelector("[data-hc-show-channels]");
    var channelConfig = {};
    data.channels.forEach(function (channel) { channelConfig[channel.id] = channel; });

    var state = { topic: null, article: articleFromHash(data), corpus: buildCorpus(data.articles, {}), suggestions: [],
                  indexRequested: false };

    form.hidden = false;
    channelsSection.hidden = true;
    if (channelsTitle) channelsTitle.textContent = strings["contact.step_channels"];
    if (urgentBox) {
      form.querySelector("[data-hc-urgent-slot]").appendChild(urgentBox);
      urgentBox.hidden = true;
    }

    function context(channel) {
      var article = state.article;
      return {
        locale: channel.locale,
        category: state.topic || "",
        topic: state.topic ? data.topics[state.topic] || "" : "",
        article_id: article ? String(article.id) : "",
        article_title: article ? article.title : "",
        article_url: article && data.site_url ? data.site_url + article.url : "",
        query: query.value
      };
    }

    function updateChannels() {
      var words = {
        language: data.language,
        topic: state.topic ? data.topics[state.topic] || "" : "",
        article_title: state.article ? state.article.title : "",
        on_article: false
      };
      channelsSection.querySelectorAll("[data-hc-channel]").forEach(function (item) {
        var id = item.getAttribute("data-hc-channel");
        var channel = channelConfig[id];
        if (!channel) return;
        var hidden = Boolean(state.topic && channel.categories.length && channel.categories.indexOf(state.topic) < 0);
        var filled = fillTemplate(channel.url, context(channel), data.limits);
        item.hidden = hidden;
        item.querySelector("a[data-hc-channel-link]").setAttribute("href", filled.url);
        var row = channelsSection.querySelector('[data-hc-sends="' + id + '"]');
        if (row) {
          row.hidden = hidden;
          renderSends(row.querySelector("dd"), describeSent(filled.sent, strings, words), strings);
        }
      });
    }

    function isUrgent() {
      var urgent = data.urgent;
      if (!urgent) return false;
      if (state.topic && urgent.categories.indexOf(state.topic) >= 0) return true;
      if (state.article && urgent.priorities.indexOf(state.article.priority) >= 0) return true;
      var best = state.suggestions[0];
      return Boolean(best && urgent.priorities.indexOf(best.article.priority) >= 0);
    }

    function updateUrgent() {
      if (!urgentBox) return;
      var show = isUrgent();
      if (show && urgentBox.hidden) urgentBox.setAttribute("role", "alert");
      urgentBox.hidden = !show;
    }

    function renderSuggestions() {
      var text = query.value;
      state.suggestions = rankArticles(state.corpus, text, { topic: state.topic, limit: 5 });
      suggestionsList.textContent = "";
      state.suggestions.forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = siteUrl(entry.article.url);
        link.textContent = entry.article.title;
        var description = document.createElement("p");
        description.textContent = entry.article.description;
        item.appendChild(link);
        item.appendChild(description);
        suggestionsList.appendChild(item);
      });
      var typed = queryTerms(text).length > 0;
      suggestionsBox.hidden = !typed || !state.suggestions.length;
      suggestionsStatus.textContent = !typed ? "" : state.suggestions.length
        ? format(strings["contact.suggestions.count"], { count: state.suggestions.length })
        : strings["contact.suggestions.none"];
      // "None of these help" only once there is something on screen to refer to.
      showButton.textContent = strings[state.suggestions.length ? "contact.show_channels" : "contact.show_options"];
    }

    function update() {
      if (!root.isConnected) return;
      renderSuggestions();
      updateUrgent();
      updateChannels();
    }

    function requestIndex() {
      if (state.indexRequested) return;
      state.indexRequested = true;
      loadSections(data).then(function (sections) {
        state.corpus = buildCorpus(data.articles, sections);
        update();
      });
    }

    var timer = null;
    query.addEventListener("focus", requestIndex);
    query.addEventListener("input", function () {
      requestIndex();
      clearTimeout(timer);
      timer = setTimeout(update, 120);
    });
    form.querySelectorAll("input[name=topic]").forEach(function (radio) {
      if (state.article && radio.value === state.article.category) {
        radio.checked = true;
        state.topic = radio.value;
      }
      radio.addEventListener("change", function () {
        state.topic = radio.value;
        topicError.hidden = true;
        update();
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      update();
      if (!state.topic) {
        topicError.hidden = false;
        var first = form.querySelector("input[name=topic]");
        if (first) first.focus();
        return;
      }
      channelsSection.hidden = false;
      if (channelsTitle) channelsTitle.focus({ preventScroll: true });
      // Focus alone scrolls only as far as the heading: bring the channels themselves into view.
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      channelsSection.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
    });
    // The link must carry what the reader sees at the moment of choosing, even mid-typing.
    channelsSection.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a[data-hc-channel-link]")) {
        clearTimeout(timer);
        update();
      }
    }, true);
    update();
    showStatus(channelsSection, data.status_url, strings);
  }

  // "08:00-20:00 UTC+8": is it open at `now`? Overnight ranges ("22:00-06:00 UTC") wrap past midnight.
  var HOURS = /^(\d\d):(\d\d)-(\d\d):(\d\d) UTC(?:([+-])(\d{1,2}))?$/;

  function isOpen(hours, now) {
    var match = HOURS.exec(hours);
    if (!match) return true;
    var offset = match[5] ? (match[5] === "-" ? -1 : 1) * Number(match[6]) * 60 : 0;
    var minute = ((now.getUTCHours() * 60 + now.getUTCMinutes() + offset) % 1440 + 1440) % 1440;
    var start = Number(match[1]) * 60 + Number(match[2]);
    var end = Number(match[3]) * 60 + Number(match[4]);
    return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  }

  // A channel open part of the day says so while it is closed, by the reader's clock.
  function showClosed(root) {
    var now = new Date();
    root.querySelectorAll("[data-hc-closed]").forEach(function (item) {
      item.hidden = isOpen(item.getAttribute("data-hc-closed"), now);
    });
  }

  function setup() {
    showClosed(document);
    var contact = document.getElementById("hc-contact");
    if (contact && contact.hasAttribute("data-hc-contact") && !contact.hasAttribute("data-hc-ready")) {
      contact.setAttribute("data-hc-ready", "");
      setupContactPage(contact);
    }
    document.querySelectorAll("[data-hc-contact-status]").forEach(function (foot) {
      var data = JSON.parse(foot.getAttribute("data-hc-contact-status"));
      showStatus(foot, data.status_url, data.strings);
    });
  }

  window.hcContact = {
    fillTemplate: fillTemplate,
    truncate: truncate,
    encodeComponent: encodeComponent,
    queryTerms: queryTerms,
    buildCorpus: buildCorpus,
    rankArticles: rankArticles,
    sectionsFromIndex: sectionsFromIndex,
    describeSent: describeSent,
    isOpen: isOpen
  };

  if (window.document$) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
