"""自治体DX事例ナレッジベース: curated case studies of Japanese municipal DX, searchable by meaning.

The library does the work; `kb.cli` and `web` are thin shells over it:
`load_corpus` (kb.corpus), `validate_paths` (kb.validate), `build_index` / `search` (kb.search), `ingest` (kb.ingest).
"""

__version__ = "0.1.0"
