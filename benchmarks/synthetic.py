"""Synthetic corpora of any size, made from the real cases, for the benchmarks.

Each synthetic case takes a real case's title and themes, mixes its summary sentences with those of another
case of the same main theme, and moves it to a random municipality of the registry (with that body's level
and region and a plausible population), so text, vocabulary and facets look like the real corpus.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from kb.case import Level, band_of
from kb.corpus import Corpus, load_corpus
from kb.municipalities import Municipality

POPULATION_RANGE = {
    Level.village: (500, 10_000),
    Level.town: (2_000, 40_000),
    Level.city: (20_000, 150_000),
    Level.special_ward: (60_000, 900_000),
    Level.core_city: (200_000, 600_000),
    Level.designated_city: (700_000, 3_700_000),
    Level.prefecture: (550_000, 14_000_000),
}


def _sentences(text: str) -> list[str]:
    return [s + "。" for s in text.split("。") if s.strip()]


def synthetic_corpus(size: int, corpus_dir: Path = Path("corpus"), seed: int = 7) -> Corpus:
    real = load_corpus(corpus_dir)
    rng = random.Random(seed)
    bodies: list[Municipality] = list(real.registry)
    by_theme = defaultdict(list)
    for case in real.cases:
        by_theme[case.themes[0]].append(case)
    cases = []
    for i in range(size):
        base = real.cases[i % len(real.cases)]
        other = rng.choice(by_theme[base.themes[0]])
        sentences = _sentences(base.summary) + _sentences(other.summary)
        rng.shuffle(sentences)
        body = rng.choice(bodies)
        population = rng.randint(*POPULATION_RANGE[body.level])
        cases.append(
            base.model_copy(
                update={
                    "id": f"{base.id}-s{i}",
                    "title": f"{body.short} {base.title.split(' ', 1)[-1]}",
                    "summary": "".join(sentences[: max(3, len(sentences) // 2)]),
                    "municipalities": [
                        base.municipalities[0].model_copy(update={"name": body.name, "code": body.code})
                    ]
                    if base.municipalities
                    else [],
                    "level": body.level,
                    "region": body.region,
                    "population": population,
                    "population_year": 2023,
                    "year": rng.randint(2005, 2025),
                }
            )
        )
    assert all(band_of(c.population) is not None for c in cases)
    return Corpus(real.root, cases, real.themes, real.registry)
