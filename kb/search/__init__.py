"""Search: Japanese hybrid retrieval (BM25 over lemma terms + embeddings in FAISS), filters, 「うちと似た町」.

    report = build_index(settings)          # corpus/ -> index/
    index = open_index(settings)            # once; IndexMissing / IndexStale name the fix
    result = index.search(SearchQuery(text="書かない窓口", filters=Filters.parse({"region": ["chugoku"]})))
    search_out(result)                      # the docs/interfaces.md §5 object (kb.shapes)

torch and sentence-transformers are imported only to build with them or to embed queries with a
transformer model; the default static model answers queries with numpy alone.
"""

from kb.search.build import BuildReport, build_index
from kb.search.filters import Filters
from kb.search.index import Index, open_index
from kb.search.results import Hit, SearchQuery, SearchResult

__all__ = [
    "BuildReport",
    "Filters",
    "Hit",
    "Index",
    "SearchQuery",
    "SearchResult",
    "build_index",
    "open_index",
]
