"""Related articles, computed once per build from category, tags and words."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .model import HelpCenter

_WORD = re.compile(r"[a-z0-9]{3,}")
_STOP = frozenset("""the and for you your are with that this from can not will have has was but its into
our out any all how what when which who why may more than then them they their there these those use used
using also only each about after before over under until while where does did doing been being were must
should would could one two three per via get got set see make made new just like""".split())


def _terms(text: str) -> Counter:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def related_articles(hc: HelpCenter, limit: int = 5, keywords: int = 20) -> dict[int, list[int]]:
    """For every article id, the ids of up to `limit` related articles, best first.

    Scores same category, shared tags and shared distinctive words of the English source; runs through
    an inverted index of each article's top keywords, so the cost grows with articles, not their square.
    """
    ids = hc.ids()
    sources = {i: hc.source(i) for i in ids}
    counts = {i: _terms(f"{a.title} {a.title} {a.description} {' '.join(a.tags)} {a.body}") for i, a in sources.items()}
    df = Counter()
    for c in counts.values():
        df.update(c.keys())
    n = max(len(ids), 1)
    vectors: dict[int, dict[str, float]] = {}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, c in counts.items():
        weights = {t: (1 + math.log(f)) * math.log(1 + n / df[t]) for t, f in c.items()}
        top = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:keywords])
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        vectors[i] = {t: w / norm for t, w in top.items()}
        for t in top:
            postings[t].append(i)
    tag_index: dict[str, list[int]] = defaultdict(list)
    for i, a in sources.items():
        for tag in a.tags:
            tag_index[tag].append(i)

    result = {}
    for i, a in sources.items():
        scores: dict[int, float] = defaultdict(float)
        for t, w in vectors[i].items():
            for j in postings[t]:
                if j != i:
                    scores[j] += w * vectors[j][t]
        for tag in a.tags:
            for j in tag_index[tag]:
                if j != i:
                    scores[j] += 0.3
        for j in list(scores):
            if sources[j].category == a.category:
                scores[j] += 0.2
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        result[i] = [j for j, s in ranked[:limit] if s > 0]
    return result
