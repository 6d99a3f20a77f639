"""The index as a searcher holds it: open once, then `search` and `similar` serve the CLI, the API and the UI.

A search: filters → an allowed-mask; the lexical and dense legs each rank their best 100 allowed cases (a
fixed depth, whatever the page, so `total` and the order are the same on every page); reciprocal rank fusion;
then, with `like`, a re-rank by how much each case's town resembles the user's. A query with no text browses:
the most alike towns first with `like` (newest among equals), else newest first. A query of particles and
punctuation alone (を, する, 。) has nothing to look for and finds nothing.
"""

from __future__ import annotations

import time
from functools import cached_property

import faiss
import numpy as np

from kb.corpus import Corpus, load_corpus
from kb.errors import AmbiguousMunicipality, InvalidParameter, UnknownMunicipality
from kb.facets import SIDEBAR, labels_with_unstated
from kb.municipalities import Municipality
from kb.search.dense import VectorStore
from kb.search.documents import Document, case_hash
from kb.search.embed import Embedder, make_embedder, model_identity
from kb.search.filters import Masks
from kb.search.fusion import blend_likeness, rrf
from kb.search.lexical import FIELD_WEIGHTS, LexicalIndex
from kb.search.like import Likeness, likeness
from kb.search.manifest import Manifest
from kb.search.results import Hit, SearchQuery, SearchResult
from kb.search.snippet import QueryWords, make_snippet
from kb.search.synonyms import load_synonyms
from kb.search.tokenize import TOKENIZER_NAME, Analysis, Analyzer, normalize
from kb.settings import Settings
from kb.shapes import FacetGroup, FacetOption

CANDIDATES = 100  # each leg's depth before fusion; also bounds how far a result list pages


class Index:
    def __init__(
        self,
        corpus: Corpus,
        manifest: Manifest,
        analyzer: Analyzer,
        lexical: LexicalIndex,
        vectors: VectorStore,
        embedder: Embedder,
    ):
        self.corpus = corpus
        self.manifest = manifest
        self.analyzer = analyzer
        self.lexical = lexical
        self.vectors = vectors
        self.embedder = embedder
        self.cases = [corpus.get(case_id) for case_id in manifest.cases]
        self.positions = {case.id: i for i, case in enumerate(self.cases)}
        self.masks = Masks(self.cases)

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        query.filters.check_known(self.corpus)
        user = self._resolve_like(query.like)
        allowed = self.masks.mask(query.filters)
        analysis = self.analyzer.analyze(query.text) if query.text.strip() else None
        ranked = self._browse(allowed) if analysis is None else self._relevant(analysis, allowed, query.mode)
        likes = {p: likeness(self.cases[p], user, self.corpus.registry) for p, _ in ranked} if user else {}
        if user and analysis is None:
            # Nothing to be relevant to: likeness orders alone; the stable sort keeps newest first among equals.
            ranked = sorted(((p, likes[p].score) for p, _ in ranked), key=lambda item: -item[1])
        elif user:
            ranked = blend_likeness([p for p, _ in ranked], {p: lk.score for p, lk in likes.items()})
        words = QueryWords.of(analysis, self.analyzer.synonyms) if analysis else None
        page = ranked[query.offset : query.offset + query.limit]
        hits = [self._hit(p, score, words, likes.get(p)) for p, score in page]
        took = (time.perf_counter() - started) * 1000
        return SearchResult(query, took, len(ranked), hits, user)

    def facet_counts(self, query: SearchQuery) -> list[FacetGroup]:
        """The sidebar: for each facet, how many cases each value would give, among the cases that match the
        query's text and pass the *other* facets' filters (values of one facet are OR-ed, so ticking a second
        region adds its count instead of shrinking it to zero: disjunctive faceting)."""
        query.filters.check_known(self.corpus)
        matching = self._matching(query)
        groups = []
        for facet in SIDEBAR:
            others = self.masks.mask(query.filters.without(facet.name))
            among = others if matching is None else (matching if others is None else matching & others)
            counts = self.masks.counts(facet.name, among)
            chosen = query.filters.of(facet.name)
            options = [
                FacetOption(value=value, label=label, count=counts.get(value, 0), selected=value in chosen)
                for value, label in labels_with_unstated(facet, self.corpus).items()
                if value != "unstated" or counts.get(value, 0) or value in chosen
            ]
            groups.append(FacetGroup(name=facet.name, title=facet.title, options=options))
        return groups

    def _matching(self, query: SearchQuery) -> np.ndarray | None:
        """Which cases match the query's text, ignoring filters (None: no text, every case)."""
        if not query.text.strip():
            return None
        analysis = self.analyzer.analyze(query.text)
        keep = np.zeros(len(self.cases), dtype=bool)
        keep[[p for p, _ in self._relevant(analysis, None, query.mode)]] = True
        return keep

    def similar(self, case_id: str, limit: int = 5) -> list[Hit]:
        """Cases like this one: its vector's neighbours fused with cases sharing its title's words."""
        position = self.positions.get(case_id)
        if position is None:
            self.corpus.get(case_id)  # raises CaseNotFound
            raise AssertionError("a corpus case missing from a checked index")
        depth = max(CANDIDATES // 2, limit + 1)
        dense = [p for p, _ in self.vectors.search(self.vectors.vector(position), depth + 1)]
        case = self.cases[position]
        labels = self.corpus.theme_labels()
        words = self.analyzer.analyze(" ".join([case.title, *(labels.get(t, t) for t in case.themes)]))
        lexical = self._lexical(words, None, depth + 1)
        ranked = [(p, s) for p, s in rrf([dense, lexical]) if p != position][:limit]
        return [self._hit(p, s, None, None) for p, s in ranked]

    def _resolve_like(self, like: str | None) -> Municipality | None:
        if like is None or not like.strip():
            return None
        try:
            return self.corpus.registry.resolve(like)
        except (UnknownMunicipality, AmbiguousMunicipality) as e:
            raise InvalidParameter("like", str(e)) from None

    def _browse(self, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        positions = range(len(self.cases)) if allowed is None else np.flatnonzero(allowed).tolist()
        newest = sorted(positions, key=lambda p: (-self.cases[p].year, self.cases[p].id))
        return [(p, 0.0) for p in newest]

    def _relevant(self, analysis: Analysis, allowed: np.ndarray | None, mode: str) -> list[tuple[int, float]]:
        """Each leg's best CANDIDATES allowed cases, fused; nothing when the query has no content word."""
        if not analysis.terms():
            return []
        rankings = []
        if mode in ("hybrid", "lexical"):
            rankings.append(self._lexical(analysis, allowed, CANDIDATES))
        if mode in ("hybrid", "dense"):
            rankings.append(self._dense(analysis.text, allowed, CANDIDATES))
        return rrf(rankings)

    def _lexical(self, analysis: Analysis, allowed: np.ndarray | None, depth: int) -> list[int]:
        terms = self.lexical.known(analysis.terms())
        scores = self.lexical.scores(terms) if terms else self._substring_scores(analysis.text)
        if allowed is not None:
            scores = np.where(allowed, scores, 0)
        matched = np.flatnonzero(scores > 0)
        top = matched[np.argsort(-scores[matched], kind="stable")[:depth]]
        return top.tolist()

    @cached_property
    def _haystacks(self) -> list[dict[str, str]]:
        """Each case's lexical fields as the index built them, normalized for substring search."""
        labels = self.corpus.theme_labels()
        documents = (Document(case, self.analyzer, labels) for case in self.cases)
        return [{name: normalize(text).lower() for name, text in d.fields.items()} for d in documents]

    def _substring_scores(self, text: str) -> np.ndarray:
        """For words the analyzer never saw in the corpus (a lone kanji like 窓): field-weighted substring counts."""
        needle = text.replace(" ", "").lower()
        return np.array(
            [sum(w * h[name].count(needle) for name, w in FIELD_WEIGHTS.items()) for h in self._haystacks],
            dtype=np.float32,
        )

    def _dense(self, text: str, allowed: np.ndarray | None, depth: int) -> list[int]:
        vector = self.embedder.embed_query(text)
        if vector is None:
            return []
        return [p for p, _ in self.vectors.search(vector, depth, allowed)]

    def _hit(self, position: int, score: float, words: QueryWords | None, like: Likeness | None) -> Hit:
        case = self.cases[position]
        snippet = make_snippet(case, self.analyzer, words)
        reason, like_score = (like.reason, like.score) if like else (None, None)
        return Hit(case, float(score), snippet.html, snippet.text, reason, like_score)


def open_index(settings: Settings, corpus: Corpus | None = None) -> Index:
    """Open the index at `settings.index`; IndexMissing / IndexStale (with the fix) when it cannot serve."""
    index_dir = settings.index
    manifest = Manifest.load(index_dir)
    corpus = corpus or load_corpus(settings.corpus)
    synonyms = load_synonyms(settings.corpus)
    expected = {
        "model": model_identity(settings.embed_model, settings.query_prefix, settings.document_prefix),
        "tokenizer": TOKENIZER_NAME,
        "synonyms": synonyms.digest,
    }
    labels = corpus.theme_labels()
    manifest.check(index_dir, expected, {c.id: case_hash(c, labels) for c in corpus.cases})
    analyzer = Analyzer(synonyms)
    artifacts = index_dir / manifest.artifacts
    faiss.omp_set_num_threads(1)  # one query per thread is faster; concurrent requests use the other cores
    model_dir = index_dir / manifest.model_dir if manifest.model_dir else None
    embedder = make_embedder(manifest.model, analyzer, model_dir)
    embedder.embed_query("窓口")  # load the model now, not in the first user's request
    return Index(
        corpus,
        manifest,
        analyzer,
        LexicalIndex.load(artifacts / "lexical", len(manifest.cases)),
        VectorStore.load(artifacts / "dense.faiss"),
        embedder,
    )
