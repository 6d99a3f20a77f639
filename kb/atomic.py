"""Atomic file writes: the one way the project replaces a file (drafts, cache, schema.json, the index manifest).

Write to a temporary file in the same folder, fsync, then rename over the target, so a reader (or a crash)
never sees half a file. The file gets the permissions a plain `open(path, "w")` would give; mkstemp's are
owner-only (0600), which would hide an index from a server running as another user.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            os.fchmod(f.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
