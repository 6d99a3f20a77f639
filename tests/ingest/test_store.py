import datetime as dt
import os
import stat

from kb.atomic import atomic_write
from kb.ingest.store import PageStore, Snapshot


def test_folder_mirrors_the_site_and_stays_inside_the_root(tmp_path):
    store = PageStore(tmp_path)
    assert store.folder("https://www.city.masuda.lg.jp/soshiki/173/detail-61351.html") == tmp_path.joinpath(
        "www.city.masuda.lg.jp", "soshiki", "173", "detail-61351.html"
    )
    sneaky = store.folder("https://example.jp/a/../../../etc/passwd")
    assert tmp_path in sneaky.parents
    with_query = store.folder("https://example.jp/list?page=2")
    assert with_query != store.folder("https://example.jp/list?page=3")


def test_save_and_load_round_trip_keeps_bytes_and_validators(tmp_path):
    store = PageStore(tmp_path)
    raw = "直方市".encode("cp932")
    snap = Snapshot(
        url="https://example.jp/x",
        content=raw,
        content_type="text/html; charset=Shift_JIS",
        fetched_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
        etag='"e1"',
        last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
    )
    store.save("https://example.jp/x", snap)
    assert store.load("https://example.jp/x") == snap
    assert (store.folder("https://example.jp/x") / "content.html").read_bytes() == raw
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_folder_without_meta_is_read_by_extension(tmp_path):
    store = PageStore(tmp_path)
    folder = store.folder("https://example.jp/report.pdf")
    folder.mkdir(parents=True)
    (folder / "content.pdf").write_bytes(b"%PDF-1.4")
    snap = store.load("https://example.jp/report.pdf")
    assert snap is not None and snap.mime == "application/pdf"
    assert store.load("https://example.jp/other.pdf") is None


def test_atomic_write_gives_the_permissions_of_a_plain_write(tmp_path):
    """mkstemp makes owner-only files; a draft or cached page must be readable like any other file."""
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "draft.yaml", b"id: x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "draft.yaml").stat().st_mode) == 0o644
