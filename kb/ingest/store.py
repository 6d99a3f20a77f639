"""The page store: the on-disk HTTP cache of `kb ingest`, which is also its offline snapshot.

Each URL has a folder laid out like the site (`<root>/<host>/<path segments>/`) holding `content.<ext>`, the
bytes as served, and `meta.json` (final URL, content type, ETag, Last-Modified, fetch time). Being a plain
folder tree, a saved site can be checked in and replayed with `--offline` (tests/data/pages/ is one); a
folder without `meta.json` is read with the type its extension says. Writes are atomic. Credentials in a URL
(`user:pass@`) never reach a folder name or `meta.json`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb.atomic import atomic_write
from kb.ingest.address import strip_credentials

_EXTENSIONS = {"text/html": "html", "application/pdf": "pdf", "text/plain": "txt"}
_TYPES = {"html": "text/html", "htm": "text/html", "pdf": "application/pdf", "txt": "text/plain"}
_UNSAFE = re.compile(r"[^\w.\-~%()+,=@]")
_MAX_SEGMENT = 80


@dataclass(frozen=True)
class Snapshot:
    """One fetched resource, as served."""

    url: str
    content: bytes
    content_type: str  # full header value, e.g. "text/html; charset=Shift_JIS"
    fetched_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None

    @property
    def mime(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


def extension_for(content_type: str) -> str:
    return _EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "bin")


def type_for(path: Path) -> str:
    return _TYPES.get(path.suffix.lower().lstrip("."), "application/octet-stream")


def _segment(text: str) -> str:
    text = _UNSAFE.sub("_", unquote(text))
    if text in ("", ".", ".."):
        text = "_" + text.replace(".", "_")
    if len(text) > _MAX_SEGMENT:  # file names have a length limit; keep them distinct with a hash
        text = text[:60] + "~" + hashlib.sha1(text.encode()).hexdigest()[:12]
    return text


class PageStore:
    def __init__(self, root: Path):
        self.root = root

    def folder(self, url: str) -> Path:
        parts = urlsplit(strip_credentials(url))
        host = _segment(parts.netloc.lower().replace(":", "_"))
        segments = [_segment(s) for s in parts.path.split("/") if s]
        if parts.query:
            segments.append("_q_" + hashlib.sha1(parts.query.encode()).hexdigest()[:12])
        return self.root.joinpath(host, *segments)

    def load(self, url: str) -> Snapshot | None:
        folder = self.folder(url)
        contents = sorted(folder.glob("content.*")) if folder.is_dir() else []
        if not contents:
            return None
        body = contents[0]
        meta_path = folder / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        mtime = dt.datetime.fromtimestamp(int(body.stat().st_mtime), dt.UTC)
        return Snapshot(
            url=meta.get("url", url),
            content=body.read_bytes(),
            content_type=meta.get("content_type", type_for(body)),
            fetched_at=dt.datetime.fromisoformat(meta["fetched_at"]) if "fetched_at" in meta else mtime,
            etag=meta.get("etag"),
            last_modified=meta.get("last_modified"),
        )

    def save(self, requested_url: str, snap: Snapshot) -> None:
        folder = self.folder(requested_url)
        ext = extension_for(snap.content_type)
        for old in folder.glob("content.*") if folder.is_dir() else []:
            if old.suffix != f".{ext}":
                old.unlink()
        atomic_write(folder / f"content.{ext}", snap.content)
        meta = {
            "url": strip_credentials(snap.url),
            "content_type": snap.content_type,
            "fetched_at": snap.fetched_at.isoformat(),
            "etag": snap.etag,
            "last_modified": snap.last_modified,
        }
        atomic_write(folder / "meta.json", json.dumps(meta, ensure_ascii=False, indent=2).encode())
