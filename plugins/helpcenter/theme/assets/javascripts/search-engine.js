// A locale's search index in the search worker, and the query that scores its pages. The index is lunr's
// (built at build time by plugins/helpcenter/search/index.py, or in the worker by lunr's own builder) and
// a query ranks and scores pages as lunr.Index.query does for the clauses the worker makes: optional
// terms over every field, each a word or a word and `*`. lunr's own query needs a token set of every
// term, built before the first query, and makes objects for every matching term, field and page; on a
// large help center that was most of the time from a loaded index to the first result.
// tests/browser/test_search_engine.py compares the two on every locale's index.
/* global lunr */
(function (root) {
  "use strict";

  // The compact form (plugins/helpcenter/search/index.py, `compact`): invertedIndex entries are
  // [term, term index, {field: [page step, weight, ...]}]: pages ascending, each as the step from the one
  // before; a weight is what the page's field vector gives the term, in thousandths. lunr's per-page
  // metadata, which the worker never reads, is left out.
  function load(compact) {
    var postings = new Map();
    var terms = compact.invertedIndex.map(function (entry) {
      postings.set(entry[0], entry);
      return entry[0];
    });
    return {
      fields: compact.fields,
      pipeline: lunr.Pipeline.load(compact.pipeline),
      terms: terms,
      postings: postings,
      sorted: null
    };
  }

  // The same compact form from an index lunr built in the worker.
  function compact(index) {
    var data = index.toJSON();
    var byNumber = new Map();
    var inverted = data.invertedIndex.map(function (entry) {
      var compacted = [entry[0], entry[1]._index, {}];
      byNumber.set(compacted[1], compacted);
      return compacted;
    });
    // Field vectors come page by page, so each posting gets its pages in ascending order.
    var last = new Map(); // "term index/field" -> the page before
    data.fieldVectors.forEach(function (item) {
      var slash = item[0].indexOf("/"), field = item[0].slice(0, slash), page = Number(item[0].slice(slash + 1));
      for (var i = 0; i < item[1].length; i += 2) {
        var pages = byNumber.get(item[1][i])[2], key = item[1][i] + "/" + field;
        (pages[field] || (pages[field] = [])).push(page - (last.get(key) || 0), Math.round(item[1][i + 1] * 1000));
        last.set(key, page);
      }
    });
    return { fields: data.fields, pipeline: data.pipeline, invertedIndex: inverted };
  }

  // Terms that start with `prefix`, in JavaScript's string order.
  function startingWith(index, prefix) {
    if (!index.sorted) index.sorted = index.terms.slice().sort();
    var sorted = index.sorted, low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (sorted[middle] < prefix) low = middle + 1; else high = middle;
    }
    var found = [];
    for (var i = low; i < sorted.length && sorted[i].lastIndexOf(prefix, 0) === 0; i++) found.push(sorted[i]);
    return found;
  }

  function add(a, b) { return a + b; }

  function byTermNumber(a, b) { return a[0] - b[0]; }

  // clauses: [{term, boost, usePipeline, prefix}]. Returns [{ref, score, terms}] by score, highest first,
  // where terms are the index terms the page matched. lunr scores a page's field as the dot product of
  // the query's vector with the field's vector, divided by the query vector's length: the sum, in term
  // order, of each matched term's query boost times its weight. Pages are met and summed in lunr's order;
  // only the completions of a word may come in another order (sorted, not lunr's token set order), which
  // can change the last bit of a sum.
  function query(index, clauses) {
    var fields = index.fields;
    var queryVectors = {}, matched = {};
    fields.forEach(function (field) {
      queryVectors[field] = new lunr.Vector();
      matched[field] = new Map(); // page -> {terms, weights: [[term number, weight], ...]}
    });
    var order = []; // field, page, field, page, ...: in the order of first match, as lunr's matchingFields
    var done = new Set();

    clauses.forEach(function (clause) {
      var words = clause.usePipeline ? index.pipeline.runString(clause.term, { fields: fields }) : [clause.term];
      words.forEach(function (word) {
        var expanded = clause.prefix ? startingWith(index, word) : (index.postings.has(word) ? [word] : []);
        expanded.forEach(function (term) {
          var entry = index.postings.get(term), number = entry[1];
          fields.forEach(function (field) {
            queryVectors[field].upsert(number, clause.boost, add);
            var key = term + "/" + field;
            if (done.has(key)) return;
            done.add(key);
            var steps = entry[2][field] || [], byPage = matched[field], page = 0;
            for (var i = 0; i < steps.length; i += 2) {
              page += steps[i];
              var found = byPage.get(page);
              if (!found) {
                found = { terms: [], weights: [] };
                byPage.set(page, found);
                order.push(field, page);
              }
              found.terms.push(term);
              found.weights.push([number, steps[i + 1] / 1000]); // the same number as lunr's "x.yyy"
            }
          });
        });
      });
    });

    var boosts = {}, lengths = {};
    fields.forEach(function (field) {
      var elements = queryVectors[field].elements;
      boosts[field] = new Map();
      for (var i = 0; i < elements.length; i += 2) boosts[field].set(elements[i], elements[i + 1]);
      lengths[field] = queryVectors[field].magnitude();
    });

    var results = [], byPage = new Map();
    for (var i = 0; i < order.length; i += 2) {
      var field = order[i], page = order[i + 1], found = matched[field].get(page);
      var weights = found.weights.length > 1 ? found.weights.sort(byTermNumber) : found.weights;
      var dot = 0;
      for (var w = 0; w < weights.length; w++) dot += boosts[field].get(weights[w][0]) * weights[w][1];
      var score = dot / lengths[field] || 0;
      var result = byPage.get(page);
      if (result) {
        result.score += score;
        found.terms.forEach(function (term) { if (result.terms.indexOf(term) < 0) result.terms.push(term); });
      } else {
        result = { ref: String(page), score: score, terms: found.terms.slice() };
        byPage.set(page, result);
        results.push(result);
      }
    }
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  root.HelpcenterSearchEngine = { load: load, compact: compact, query: query };
})(typeof self !== "undefined" ? self : this);
