"""Settings, declared once: every knob with its description, read from `KB_*` environment variables.

Nothing reads the environment at import time; callers build `Settings()` (or pass values) and hand it on.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KB_", extra="ignore")

    corpus: Path = Field(Path("corpus"), description="Corpus folder: cases/, themes.yaml, synonyms.yaml.")
    index: Path = Field(Path("index"), description="Index folder written by `kb build` and read by search.")
    embed_model: str = Field(
        "chive",
        description=(
            "Embedding model: `chive` (the offline default built from ja-ginza's chiVe vectors) or any "
            "sentence-transformers model name or local path (e.g. cl-nagoya/ruri-v3-30m when online)."
        ),
    )
    query_prefix: str = Field("", description="Prefix put before queries for e5/ruri-style models.")
    document_prefix: str = Field("", description="Prefix put before documents for e5/ruri-style models.")
    ann_threshold: int = Field(
        50_000, description="Above this many cases the dense index uses HNSW instead of exact search."
    )
    host: str = Field("127.0.0.1", description="Address `kb serve` listens on.")
    port: int = Field(8000, description="Port `kb serve` listens on.")
    reload_interval: float = Field(
        2.0,
        description="Seconds between `kb serve`'s checks for a new index (a new build is served at once on SIGHUP).",
    )
    allowed_hosts: str = Field(
        "",
        description=(
            "More host names `kb serve` answers to, comma-separated (it always accepts its own host, loopback and "
            "KB_PUBLIC_URL's host; a request naming another host gets 400)."
        ),
    )
    public_url: str = Field(
        "",
        description=(
            "Address the site is reached at (e.g. https://dx-jirei.example.jp), used for case-page links in "
            "exports made outside the web UI; empty means http://HOST:PORT."
        ),
    )
    repo_url: str = Field(
        "",
        description=(
            "Repository of the corpus (e.g. https://github.com/org/jichitai-dx-kb): when set, 「事例を提案」 and "
            "「誤りを報告」 offer prefilled new-issue and new-file links."
        ),
    )
    cache: Path = Field(
        Path(".cache/ingest"),
        description="Ingest cache of fetched pages (ETag/Last-Modified); `kb ingest --offline` replays from it.",
    )
    ingest_delay: float = Field(
        1.0, description="Seconds between two requests `kb ingest` makes to one host."
    )
    ingest_timeout: float = Field(20.0, description="Seconds `kb ingest` waits for a server before retrying.")

    @property
    def site_url(self) -> str:
        return self.public_url.rstrip("/") or f"http://{self.host}:{self.port}"
