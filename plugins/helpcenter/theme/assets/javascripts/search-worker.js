// The help center's search worker. It speaks the messages of Material's search worker
// (0 SETUP, 1 READY, 2 QUERY, 3 RESULT) so Material's search box, result list and suggestions work
// unchanged, but it loads the reader's locale's own index (given in its URL by search.js) instead of the
// site-wide one, and that index is prebuilt at build time (helpcenter_index.json) or built here from
// words segmented at build time (helpcenter_docs.json).
/* global lunr, HelpcenterSearchAnalysis, HelpcenterSearchEngine, importScripts */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 50;
var MAX_SECTIONS = 3;
var BOOST = { word: 1, part: 0.3, prefix: 0.3, synonym: 1, alternative: 0.6, bigram: 1 }; // as in plugins/helpcenter/search/query.py

var params = new URL(self.location.href).searchParams;
var state = { index: null, docs: null, config: null, lexicon: null, stem: null, loading: null };
var lastQuery = null;
// The home page's search box (search-box.js) asks with its own message types, which Material's bundle
// ignores, so its results never show in the header's list and the other way round.
var BOX_QUERY = "hc-query", BOX_RESULT = "hc-result";
var lastBoxQuery = null;
// What marks an English article in a locale's results, in the locale's words (search-start.js and
// search.js put them in the URL): the badge's text and what a screen reader says for it.
var BADGE = params.get("badge") || "", BADGE_LABEL = params.get("badge_label") || "";

// Start downloading the index before the scripts are parsed: both take time, so overlap them.
var download = fetchIndex(params.get("index"));
importScripts("vendor/lunr.js", "search-analysis.js", "search-engine.js");
var A = HelpcenterSearchAnalysis;
var E = HelpcenterSearchEngine;

function fetchIndex(url) {
  return fetch(url, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error("search index " + url + ": HTTP " + response.status);
    return response.json();
  });
}

// ---------------------------------------------------------------------------------------------------
// Loading

function buildIndex(data) {
  var config = data.query;
  return lunr(function () {
    var builder = this;
    builder.ref("r");
    Object.keys(config.fields).forEach(function (name) { builder.field(name, { boost: config.fields[name] }); });
    builder.pipeline.reset();
    builder.searchPipeline.reset();
    if (config.stem) {
      builder.pipeline.add(lunr.stopWordFilter, lunr.stemmer);
      builder.searchPipeline.add(lunr.stemmer);
    }
    builder.metadataWhitelist = [];
    data.fields.forEach(function (fields, number) {
      var doc = { r: String(number) };
      Object.keys(fields).forEach(function (name) { doc[name] = fields[name]; });
      builder.add(doc);
    });
  });
}

// The locale's Snowball stemmer: lunr-languages' (Material ships it next to its own scripts, so it is
// loaded from this site, never from elsewhere). The index was built with the same algorithm (text.py).
function snowballStemmer(name) {
  if (!name) return null;
  if (!/^[a-z]{2}$/.test(name)) throw new Error("search index: unknown stemmer " + name);
  if (!lunr.stemmerSupport) importScripts("lunr/min/lunr.stemmer.support.min.js");
  importScripts("lunr/min/lunr." + name + ".min.js");
  var stemmer = lunr[name].stemmer;
  var cache = new Map();
  return function (word) {
    var stem = cache.get(word);
    if (stem === undefined) {
      stem = stemmer(new lunr.Token(word)).toString();
      cache.set(word, stem);
    }
    return stem;
  };
}

function install(data) {
  var index = E.load(data.index || E.compact(buildIndex(data)));
  var lexicon = A.queryLexicon(index.terms, data.query);
  var stem = snowballStemmer(data.query.snowball);
  state = { index: index, docs: data.docs, config: data.query, lexicon: lexicon, stem: stem, loading: null };
}

function load(download) {
  var loading = download.then(install);
  state.loading = loading;
  return loading.then(function () {
    postMessage({ type: READY });
    if (lastBoxQuery !== null) postMessage({ type: BOX_RESULT, id: lastBoxQuery.id, data: search(lastBoxQuery.data) });
    if (lastQuery !== null) postMessage({ type: RESULT, data: search(lastQuery) });
    else if (lastBoxQuery === null) warmUp();
  }, function (error) {
    state.loading = null;
    console.warn(error);
  });
}

// ---------------------------------------------------------------------------------------------------
// Searching

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
  });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Mark what the reader typed in a text shown in the results (case-insensitive, escaped first).
function highlight(text, marks) {
  var html = escapeHtml(text);
  if (!marks.length) return html;
  var pattern = new RegExp("(" + marks.map(function (m) { return escapeRegExp(escapeHtml(m)); }).join("|") + ")", "giu");
  return html.replace(pattern, "<mark>$1</mark>");
}

function badge() {
  if (!BADGE) return "";
  return " <span class=\"hc-search-badge\"><span lang=\"en\" aria-hidden=\"true\">" + escapeHtml(BADGE) +
    "</span><span class=\"hc-visually-hidden\">" + escapeHtml(BADGE_LABEL) + "</span></span>";
}

function runQuery(analyzed) {
  var stem = state.config.stem;
  var prefixBoost = state.config.prefix_boost || BOOST.prefix;
  var clauses = [];
  function term(text, boost, usePipeline, prefix) {
    clauses.push({ term: text, boost: boost, usePipeline: usePipeline, prefix: prefix });
  }
  analyzed.words.forEach(function (word) {
    if (stem && !lunr.stopWordFilter(new lunr.Token(word.text))) return;
    term(word.text, BOOST.word, true, false);
    word.parts.forEach(function (part) { term(part, BOOST.part, true, false); });
    word.alternatives.forEach(function (alternative) { term(alternative, BOOST.alternative, true, false); });
    if (word.prefix) term(word.text, prefixBoost, false, true);
  });
  analyzed.synonyms.forEach(function (token) { term(token, BOOST.synonym, false, false); });
  (analyzed.bigrams || []).forEach(function (pair) { term(pair, BOOST.bigram, false, false); });
  return E.query(state.index, clauses);
}

// Which of the reader's words a result matched: the engine reports index terms; a word matched when one
// of its terms (stemmed, a part, or a completion of it) is among them.
function matchedWords(analyzed, terms) {
  var stem = state.config.stem;
  var result = {};
  analyzed.words.forEach(function (word) {
    var forms = [word.text].concat(word.parts, word.alternatives);
    if (stem) {
      forms = forms.concat(forms.map(function (form) { return lunr.stemmer(new lunr.Token(form)).toString(); }));
    }
    var hit = terms.some(function (term) {
      return forms.indexOf(term) >= 0 || (word.prefix && term.indexOf(word.text) === 0);
    });
    if (hit) result[word.text] = true;
  });
  return result;
}

function search(query) {
  if (!state.index || !query.trim()) return { items: [] };
  var analyzed = A.analyzeQuery(query, state.config, state.lexicon, state.stem);
  var counted = analyzed.words.filter(function (word) {
    return !state.config.stem || lunr.stopWordFilter(new lunr.Token(word.text));
  }).length;
  var results = runQuery(analyzed).map(function (result) {
    var terms = matchedWords(analyzed, result.terms);
    // Prefer pages that match more of the reader's words (lunr adds scores of any word).
    var share = counted ? Object.keys(terms).length / counted : 0;
    return { ref: result.ref, score: result.score * (1 + share * share), terms: terms };
  });
  results.sort(function (a, b) { return b.score - a.score; });

  var items = results.slice(0, MAX_RESULTS).map(function (result) {
    var doc = state.docs[Number(result.ref)];
    var marks = Object.keys(result.terms).filter(function (t) { return t.length > 1 || A.isCjk(t); });
    var fallback = doc[5] === 1;
    var heading = highlight(doc[1], marks), snippet = highlight(doc[2], marks);
    // Material's list shows `title` and `text` as HTML: the category and the English badge go into them.
    var title = fallback ? "<span lang=\"en\">" + heading + "</span>" + badge() : heading;
    var category = doc[4] ? "<span class=\"hc-search-category\">" + escapeHtml(doc[4]) + "</span> " : "";
    var article = {
      location: doc[0], title: title, text: category + (fallback ? "<span lang=\"en\">" + snippet + "</span>" : snippet),
      score: result.score, terms: result.terms,
      heading: heading, snippet: snippet, category: doc[4] || "", fallback: fallback
    };
    var sections = doc[3].filter(function (section) {
      var heading = A.normalize(section[1], state.config.locale);
      return marks.some(function (mark) { return heading.indexOf(mark) >= 0; });
    }).slice(0, MAX_SECTIONS).map(function (section) {
      var title = highlight(section[1], marks);
      return {
        // A fallback page's sections are English headings too.
        location: doc[0] + "#" + section[0], title: fallback ? "<span lang=\"en\">" + title + "</span>" : title,
        text: "", score: result.score / 2, terms: result.terms
      };
    });
    return [article].concat(sections);
  });

  var suggest = [];
  var last = analyzed.words[analyzed.words.length - 1];
  if (items.length && last && last.prefix && !last.cjk) {
    var title = A.normalize(state.docs[Number(results[0].ref)][1], state.config.locale);
    // A stemmed word is shorter than what was typed: complete what was typed (retiro -> retiros, not retir).
    var typed = A.pieces(A.normalize(query, state.config.locale));
    var start = state.config.snowball && typed.length ? typed[typed.length - 1][1] : last.text;
    var completion = A.pieces(title).map(function (p) { return p[1]; }).filter(function (w) {
      return w.indexOf(start) === 0 && w !== start;
    }).sort(function (a, b) { return a.length - b.length; })[0];
    if (completion) suggest.push(completion);
  }
  return { items: items, suggest: suggest };
}

// The first query runs cold, several times slower than the next ones: run one while the reader has not
// typed yet, so the reader's query runs warm. It looks for a word of few pages, so a reader who typed
// before the index was loaded, whose query waits for this one, waits little.
function warmUp() {
  var index = state.index;
  for (var i = 0; i < index.terms.length; i++) {
    var fields = index.postings.get(index.terms[i])[2], size = 0;
    for (var field in fields) size += fields[field].length;
    if (size <= 10) return search(index.terms[i]);
  }
}

// ---------------------------------------------------------------------------------------------------
// Messages

addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    // Material's bundle sends the site-wide index only if search.js could not stop it; ours is loaded.
    (state.loading || Promise.resolve()).then(function () { if (state.index) postMessage({ type: READY }); });
  } else if (message.type === BOX_QUERY) {
    lastBoxQuery = { id: message.id, data: String(message.data || "") };
    if (state.index && !state.loading) postMessage({ type: BOX_RESULT, id: message.id, data: search(lastBoxQuery.data) });
  } else if (message.type === QUERY) {
    lastQuery = message.data;
    if (state.index && !state.loading) postMessage({ type: RESULT, data: search(lastQuery) });
  }
});

load(download);
