// How text and queries are split into index terms: the twin of plugins/helpcenter/search/text.py,
// synonyms.py (phrase_in) and query.py (analyze_query). The index is built with the Python side at build
// time; this side analyses what the reader types. tests/browser/test_search_analysis.py runs both on the
// same inputs and compares them: change one only together with the other.
(function (root) {
  "use strict";

  var FOLD_LOCALES = ["en", "es", "fr", "pt", "tr", "vi"];
  var SEGMENTED_LOCALES = ["zh", "zh-TW", "ja"];
  var CJK = "\\u3005-\\u3007\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
  var CJK_RUN = new RegExp("^[" + CJK + "]+$", "u");
  var TOKEN = new RegExp("([" + CJK + "]+)|((?:(?![" + CJK + "])[\\p{L}\\p{N}])+)", "gu");
  var LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/g;
  var EXTRA_FOLDS = { "đ": "d", "ı": "i", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe" };
  var MAX_WORD = 8;
  var UNKNOWN_COST = 2;

  var BIGRAM_JOINER = "_";

  // Turkish's lower case (İ -> i, I -> ı) and Russian ё written as е, as in text.py's lower().
  function lower(text, locale) {
    text = text.normalize("NFKC");
    if (locale === "tr") text = text.replace(/İ/g, "i").replace(/I/g, "ı");
    return text.toLowerCase().replace(/ё/g, "е");
  }

  function fold(text, locale) {
    if (FOLD_LOCALES.indexOf(locale) < 0) return text;
    return text.replace(LATIN, function (c) {
      return EXTRA_FOLDS[c] || c.normalize("NFD").replace(/\p{M}/gu, "");
    });
  }

  function normalize(text, locale) {
    return fold(lower(text, locale), locale);
  }

  // A query word's term in a Snowball locale (text.py's stem_terms(word)[0]): `stem` is lunr-languages'
  // stemmer for the locale (search-worker.js loads it from Material's bundle).
  function stemTerm(word, locale, stem) {
    return fold(stem(word), locale);
  }

  function bigrams(words) {
    var result = [];
    for (var i = 0; i + 1 < words.length; i++) result.push(words[i] + BIGRAM_JOINER + words[i + 1]);
    return result;
  }

  // [["cjk", run] | ["word", word], ...]
  function pieces(normalized) {
    var result = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(normalized)) !== null) {
      result.push(match[1] ? ["cjk", match[1]] : ["word", match[2]]);
    }
    return result;
  }

  function phraseIn(phrase, textPieces) {
    var i, k;
    if (phrase.length === 1 && phrase[0][0] === "cjk") {
      for (i = 0; i < textPieces.length; i++) {
        if (textPieces[i][0] === "cjk" && textPieces[i][1].indexOf(phrase[0][1]) >= 0) return true;
      }
      return false;
    }
    for (i = 0; i + phrase.length <= textPieces.length; i++) {
      for (k = 0; k < phrase.length; k++) {
        if (textPieces[i + k][0] !== phrase[k][0] || textPieces[i + k][1] !== phrase[k][1]) break;
      }
      if (k === phrase.length) return true;
    }
    return false;
  }

  // synonyms: [[token, [phrase, ...]], ...] as written by the build (query.synonyms)
  function matchingTokens(synonyms, textPieces) {
    return synonyms.filter(function (group) {
      return group[1].some(function (phrase) { return phraseIn(phrase, textPieces); });
    }).map(function (group) { return group[0]; });
  }

  // Fewest known words covering a CJK run; a character no word covers stands alone.
  function segmentQuery(run, lexicon) {
    var chars = Array.from(run);
    var size = chars.length;
    var best = [0];
    var back = [0];
    for (var end = 1; end <= size; end++) {
      best.push(Infinity);
      back.push(0);
      for (var length = Math.min(MAX_WORD, end); length > 0; length--) {
        var word = chars.slice(end - length, end).join("");
        var known = lexicon.has(word);
        if (length > 1 && !known) continue;
        var cost = best[end - length] + (known ? 1 : UNKNOWN_COST);
        if (cost < best[end]) {
          best[end] = cost;
          back[end] = length;
        }
      }
    }
    var words = [];
    for (var at = size; at > 0; at -= back[at]) words.push(chars.slice(at - back[at], at).join(""));
    return words.reverse();
  }

  function partsOf(word, lexicon) {
    var chars = Array.from(word);
    var found = [];
    for (var length = chars.length - 1; length > 1; length--) {
      for (var start = 0; start + length <= chars.length; start++) {
        var part = chars.slice(start, start + length).join("");
        if (lexicon.has(part) && found.indexOf(part) < 0) found.push(part);
      }
    }
    return found;
  }

  // What a query's words are looked up in (query.py's query_lexicon): segmented locales, the words CJK text
  // is split into (the index's CJK words, the synonyms' CJK phrases, the function words, so those are
  // recognised and dropped); Korean, every index word, which a word with a particle is cut back to.
  function queryLexicon(indexTerms, config) {
    var lexicon = new Set();
    if ((config.particles || []).length) {
      indexTerms.forEach(function (term) { lexicon.add(term); });
      return lexicon;
    }
    if (!config.segment) return lexicon;
    indexTerms.forEach(function (term) { if (CJK_RUN.test(term)) lexicon.add(term); });
    (config.synonyms || []).forEach(function (group) {
      group[1].forEach(function (phrase) {
        phrase.forEach(function (piece) { if (piece[0] === "cjk") lexicon.add(piece[1]); });
      });
    });
    (config.stop_words || []).forEach(function (word) { lexicon.add(word); });
    return lexicon;
  }

  function isStopWord(word, config) {
    return (config.stop_words || []).indexOf(word) >= 0;
  }

  // A Korean word without the particle at its end, when the rest (two syllables or more) is a known word.
  var MIN_STEM = 2;
  function stripParticle(word, particles, known) {
    var chars = Array.from(word);
    for (var i = 0; i < particles.length; i++) {
      var particle = Array.from(particles[i]);
      if (chars.length - particle.length < MIN_STEM) continue;
      if (chars.slice(chars.length - particle.length).join("") !== particles[i]) continue;
      var stem = chars.slice(0, chars.length - particle.length).join("");
      if (known.has(stem)) return stem;
    }
    return word;
  }

  function phraseWords(phrase, lexicon, segmented, config, stem) {
    var result = [];
    phrase.forEach(function (piece) {
      if (piece[0] === "cjk" && segmented) {
        segmentQuery(piece[1], lexicon).forEach(function (w) {
          if (lexicon.has(w) && !isStopWord(w, config)) result.push(w);
        });
      } else if (piece[0] === "word" && stem) {
        result.push(stemTerm(piece[1], config.locale, stem));
      } else {
        result.push(piece[1]);
      }
    });
    return result;
  }

  // -> {words: [{text, parts, prefix, cjk, alternatives}], synonyms: [token], bigrams: [term]}
  // `stem`: the locale's Snowball stemmer (word -> stem) when the index has config.snowball.
  function analyzeQuery(query, config, lexicon, stem) {
    var locale = config.locale;
    var segmented = SEGMENTED_LOCALES.indexOf(locale) >= 0;
    var textPieces = pieces(normalize(query, locale));
    var particles = config.particles || [];
    var words = [];
    var forms = []; // each word as typed (normalised, not stemmed), to find it among the synonyms
    if (config.snowball && !stem) throw new Error("no stemmer for locale " + locale);
    if (!config.snowball) stem = null;
    // The stemmer reads the words before their accents are folded (the synonyms match folded words).
    if (stem) {
      pieces(lower(query, locale)).forEach(function (piece) {
        var form = fold(piece[1], locale);
        if (isStopWord(form, config)) return;
        var cjk = piece[0] === "cjk";
        var text = cjk ? piece[1] : stemTerm(piece[1], locale, stem);
        words.push({ text: text, parts: [], prefix: !cjk && Array.from(text).length >= 3, cjk: cjk, alternatives: [] });
        forms.push(form);
      });
    }
    (stem ? [] : textPieces).forEach(function (piece) {
      if (piece[0] === "cjk" && segmented) {
        segmentQuery(piece[1], lexicon).forEach(function (word) {
          if (isStopWord(word, config)) return;
          var parts = partsOf(word, lexicon).filter(function (part) { return !isStopWord(part, config); });
          words.push({ text: word, parts: parts, prefix: false, cjk: true, alternatives: [] });
          forms.push(word);
        });
      } else if (!isStopWord(piece[1], config)) {
        var cjk = piece[0] === "cjk";
        var value = particles.length && !cjk ? stripParticle(piece[1], particles, lexicon) : piece[1];
        words.push({
          text: value, parts: [], prefix: !cjk && Array.from(value).length >= 3, cjk: cjk, alternatives: []
        });
        forms.push(value);
      }
    });
    // The word being typed (no space after it yet) may be unfinished: match it as a prefix too.
    if (words.length && query === query.replace(/\s+$/, "")) {
      var last = words[words.length - 1];
      last.prefix = Array.from(last.text).length >= (last.cjk ? 1 : 2);
    }
    var tokens = matchingTokens(config.synonyms || [], textPieces);
    // A word that is itself a synonym also looks for the words of the group's other phrases.
    (config.synonyms || []).forEach(function (group) {
      if (tokens.indexOf(group[0]) < 0) return;
      var singles = group[1].filter(function (p) { return p.length === 1; }).map(function (p) { return p[0][1]; });
      words.forEach(function (word, number) {
        if (singles.indexOf(forms[number]) < 0) return;
        group[1].forEach(function (phrase) {
          phraseWords(phrase, lexicon, segmented, config, stem).forEach(function (alternative) {
            if (alternative !== word.text && word.alternatives.indexOf(alternative) < 0) word.alternatives.push(alternative);
          });
        });
      });
    });
    var pairs = config.bigrams ? bigrams(textPieces.filter(function (p) { return p[0] === "word"; })
      .map(function (p) { return p[1]; })) : [];
    return { words: words, synonyms: tokens, bigrams: pairs };
  }

  function isCjk(term) {
    return CJK_RUN.test(term);
  }

  root.HelpcenterSearchAnalysis = {
    normalize: normalize,
    lower: lower,
    fold: fold,
    stemTerm: stemTerm,
    bigrams: bigrams,
    pieces: pieces,
    phraseIn: phraseIn,
    matchingTokens: matchingTokens,
    segmentQuery: segmentQuery,
    partsOf: partsOf,
    analyzeQuery: analyzeQuery,
    queryLexicon: queryLexicon,
    isStopWord: isStopWord,
    stripParticle: stripParticle,
    isCjk: isCjk
  };
})(typeof self !== "undefined" ? self : this);
