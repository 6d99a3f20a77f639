"""The index as a searcher holds it: open once, then `search` and `similar` serve the CLI, the API and the UI.

A search: the query's places, sizes and outcome words are read as preferences (`kb.search.understand`) and
leave the text; filters → an allowed-mask; three legs find the cases that match — morphological BM25, BM25 over
character bigrams, and the embedding model (its best 100, above a calibrated floor) — fused by weighted
reciprocal rank fusion; cases that match the preferences rise; with `like`, a re-rank by how much each case's
town resembles the user's. `total` is the number of matching cases (the same on every page), an estimate only
when the dense leg's depth was the limit. A query with no text, or only preferences, browses: newest first
(the preferences and likeness still order it). A query of particles and punctuation alone finds nothing.
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
from kb.search.fusion import Tuning, blend_likeness, prefer, rrf, weighted_rrf
from kb.search.lexical import FIELD_WEIGHTS, LexicalIndex, char_terms
from kb.search.like import Likeness, likeness
from kb.search.manifest import Manifest
from kb.search.results import Hit, SearchQuery, SearchResult
from kb.search.snippet import QueryWords, make_snippet
from kb.search.synonyms import load_synonyms
from kb.search.tokenize import TOKENIZER_NAME, Analysis, Analyzer, normalize
from kb.search.understand import Understood, understand
from kb.settings import Settings
from kb.shapes import FacetGroup, FacetOption, Interpretation

CANDIDATES = 100  # the dense leg's depth; the lexical legs return every case that matches


class Index:
    def __init__(
        self,
        corpus: Corpus,
        manifest: Manifest,
        analyzer: Analyzer,
        lexical: LexicalIndex,
        bigram: LexicalIndex,
        vectors: VectorStore,
        embedder: Embedder,
    ):
        self.corpus = corpus
        self.manifest = manifest
        self.analyzer = analyzer
        self.lexical = lexical
        self.bigram = bigram
        self.vectors = vectors
        self.embedder = embedder
        self.cases = [corpus.get(case_id) for case_id in manifest.cases]
        self.positions = {case.id: i for i, case in enumerate(self.cases)}
        self.masks = Masks(self.cases)
        self.tuning = Tuning()

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        query.filters.check_known(self.corpus)
        user = self._resolve_like(query.like)
        allowed = self.masks.mask(query.filters)
        understood = self._understand(query)
        lexical = self.analyzer.analyze(understood.lexical_text) if understood else None
        dense_text = understood.dense_text if understood else ""
        estimate = False
        if lexical is None:
            ranked = self._browse(allowed)
        elif not lexical.terms():
            # Only places, sizes or outcomes were asked for: browse with them as preferences; particles alone
            # (を, する, 。) have nothing to look for.
            ranked = self._browse(allowed) if understood and understood.prefer else []
        else:
            ranked, estimate = self._relevant(lexical, dense_text, allowed, query.mode)
        if understood and understood.prefer:
            ranked = prefer(ranked, self._preference(understood), self.tuning.prefer_share)
        likes = {p: likeness(self.cases[p], user, self.corpus.registry) for p, _ in ranked} if user else {}
        if user and (lexical is None or not lexical.terms()) and not (understood and understood.prefer):
            # Nothing to be relevant to: likeness orders alone; the stable sort keeps newest first among equals.
            ranked = sorted(((p, likes[p].score) for p, _ in ranked), key=lambda item: -item[1])
        elif user:
            ranked = blend_likeness(
                [p for p, _ in ranked], {p: lk.score for p, lk in likes.items()}, self.tuning.like_share
            )
        words = QueryWords.of(lexical, self.analyzer.synonyms) if lexical and lexical.terms() else None
        page = ranked[query.offset : query.offset + query.limit]
        hits = [self._hit(p, score, words, likes.get(p)) for p, score in page]
        took = (time.perf_counter() - started) * 1000
        interpreted = understood.interpretation if understood and understood.prefer else None
        positions = tuple(p for p, _ in ranked)
        return SearchResult(query, took, len(ranked), hits, user, estimate, interpreted, positions)

    def _understand(self, query: SearchQuery) -> Understood | None:
        if not query.text.strip():
            return None
        if not query.understand:
            return Understood(Interpretation(text=query.text), query.text, query.text)
        return understand(query.text, self.analyzer, self.corpus.registry, query.skip)

    def _preference(self, understood: Understood) -> np.ndarray:
        """Per case, how much of what the query's words prefer it matches (0..1, weighted by strength)."""
        total = np.zeros(len(self.cases), dtype=np.float32)
        weight_sum = 0.0
        for facet, values in understood.prefer.items():
            weight = understood.weights.get(facet, 1.0)
            weight_sum += weight
            column = self.masks.columns.get(facet, {})
            hit = np.zeros(len(self.cases), dtype=bool)
            for value in values:
                if value in column:
                    hit |= column[value]
            total += weight * hit
        return total / weight_sum if weight_sum else total

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
        text_only = SearchQuery(
            query.text, limit=1, mode=query.mode, understand=query.understand, skip=query.skip
        )
        result = self.search(text_only)
        keep = np.zeros(len(self.cases), dtype=bool)
        keep[list(result.positions)] = True
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

    def _relevant(
        self, analysis: Analysis, dense_text: str, allowed: np.ndarray | None, mode: str
    ) -> tuple[list[tuple[int, float]], bool]:
        """The cases that match, best first, and whether their number is only an estimate.

        Each leg ranks and says which cases match: the morphological leg every case it scores; the bigram leg
        ranks its best CANDIDATES by BM25 but counts as matches only cases holding most of the query's bigrams;
        the dense leg its best CANDIDATES at or above the model's floor. The rankings are fused; the result is
        the matching cases in fused order."""
        legs: dict[str, list[int]] = {}
        matches: set[int] = set()
        if mode in ("hybrid", "lexical"):
            legs["lexical"], matched = self._lexical_matches(analysis, allowed)
            matches.update(matched)
        if mode in ("hybrid", "bigram"):
            legs["bigram"], covered = self._bigram(analysis.text, allowed)
            matches.update(covered)
        estimate = False
        if mode in ("hybrid", "dense") and dense_text.strip():
            legs["dense"], estimate = self._dense(dense_text, allowed)
            matches.update(legs["dense"])
        fused = weighted_rrf(legs, self.tuning.leg_weights)
        return [(p, score) for p, score in fused if p in matches], estimate

    def _lexical(self, analysis: Analysis, allowed: np.ndarray | None, depth: int | None = None) -> list[int]:
        terms = self.lexical.known(analysis.terms())
        scores = self.lexical.scores(terms) if terms else self._substring_scores(analysis.text)
        return _ranked(scores, allowed, depth)

    def _lexical_matches(self, analysis: Analysis, allowed: np.ndarray | None) -> tuple[list[int], list[int]]:
        """Every case the morphological leg scores, best first; those that match: for a query of three or more
        terms, the cases holding enough of them (a case sharing one common word with a long query is no match)."""
        ranked = self._lexical(analysis, allowed)
        terms = list(dict.fromkeys(self.lexical.known(analysis.terms())))
        if len(terms) < 3:
            return ranked, ranked
        covered = self.lexical.coverage(terms) >= self.tuning.lexical_coverage
        return ranked, [p for p in ranked if covered[p]]

    def _bigram(self, text: str, allowed: np.ndarray | None) -> tuple[list[int], list[int]]:
        """The best CANDIDATES by bigram BM25, and the cases that hold most of the query's bigrams."""
        terms = char_terms(text)
        if not terms:
            return [], []
        scores = self.bigram.scores(terms)
        covered = _ranked(
            np.where(self.bigram.coverage(terms) >= self.tuning.bigram_coverage, scores, 0), allowed, None
        )
        return _ranked(scores, allowed, CANDIDATES), covered

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

    def _dense(self, text: str, allowed: np.ndarray | None) -> tuple[list[int], bool]:
        """The best CANDIDATES allowed cases at or above the model's floor; True when all of them pass it
        (more may: the count is then an estimate)."""
        vector = self.embedder.embed_query(text)
        if vector is None:
            return [], False
        found = self.vectors.search(vector, CANDIDATES, allowed)
        floor = self.tuning.dense_floor(self.manifest.model)
        kept = [p for p, score in found if score >= floor]
        return kept, len(found) == CANDIDATES and len(kept) == CANDIDATES

    def _hit(self, position: int, score: float, words: QueryWords | None, like: Likeness | None) -> Hit:
        case = self.cases[position]
        snippet = make_snippet(case, self.analyzer, words)
        reason, like_score = (like.reason, like.score) if like else (None, None)
        return Hit(case, float(score), snippet.html, snippet.text, reason, like_score)


def _ranked(scores: np.ndarray, allowed: np.ndarray | None, depth: int | None) -> list[int]:
    """Positions with a positive score (and allowed), best first, at most `depth` of them."""
    if allowed is not None:
        scores = np.where(allowed, scores, 0)
    matched = np.flatnonzero(scores > 0)
    order = matched[np.argsort(-scores[matched], kind="stable")]
    chosen: list[int] = (order if depth is None else order[:depth]).tolist()
    return chosen


def open_index(settings: Settings, corpus: Corpus | None = None) -> Index:
    """Open the index at `settings.index`; IndexMissing / IndexStale (with the fix) when it cannot serve.

    A build that finishes while this reads may move the manifest on; the build it named is kept for a while,
    and if it vanished all the same, the index is opened once more from the new manifest."""
    try:
        return _open(settings, corpus)
    except FileNotFoundError:
        return _open(settings, corpus)


def _open(settings: Settings, corpus: Corpus | None) -> Index:
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
        LexicalIndex.load(artifacts / "bigram", len(manifest.cases)),
        VectorStore.load(artifacts / "dense.faiss"),
        embedder,
    )
