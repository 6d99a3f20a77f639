"""A tiny PDF writer for tests: Japanese text without embedding a font, and hostile PDFs (a decompression bomb,
an AES-encrypted file).

The font is a Type0 font with Identity-H encoding whose glyph ids are the Unicode code points, plus a
ToUnicode map, so text extraction (pypdf) reads back exactly the text written. Viewers may not draw it.
"""

from __future__ import annotations

import zlib

_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0000> <FFFF> <0000> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one page per list of lines."""
    n = len(pages)
    page_ids = [6 + 2 * i for i in range(n)]  # page object, then its content stream
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    info = f"<< /Title <FEFF{title.encode('utf-16-be').hex().upper()}> >>".encode() if title else b"<< >>"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 5 >> /DW 1000 >>",
        5: _stream(_TO_UNICODE),
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        ops = ["BT", "/F1 10 Tf", "14 TL", "40 800 Td"]
        ops += ["<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines]
        ops.append("ET")
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects[page_id + 1] = _stream("\n".join(ops).encode())
    info_id = max(objects) + 1
    objects[info_id] = info
    return write_pdf(objects, b"/Info %d 0 R " % info_id)


def write_pdf(objects: dict[int, bytes], trailer: bytes = b"") -> bytes:
    """Numbered objects (1 is the catalog) as a PDF file with a cross-reference table; `trailer` is added to
    the trailer dictionary."""
    size = max(objects) + 1
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[i] for i in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref)
    return bytes(out)


def _one_page(content: bytes) -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>",
        4: content,
    }


def make_bomb_pdf(expanded: int) -> bytes:
    """A one-page PDF whose content stream (FlateDecode) inflates to `expanded` bytes of spaces: a
    decompression bomb of a few hundred kilobytes."""
    squeeze = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    parts = [squeeze.compress(chunk) for _ in range(expanded // len(chunk))]
    data = b"".join([*parts, squeeze.compress(b" " * (expanded % len(chunk))), squeeze.flush()])
    header = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
    return write_pdf(_one_page(header + data + b"\nendstream"))


def make_encrypted_pdf() -> bytes:
    """A PDF encrypted with AES-256 (revision 6): checking even the empty password needs AES, which pypdf
    only has with the `cryptography` package. Its keys are zeros, so no password opens it."""
    objects = _one_page(_stream(b"BT ET"))
    objects[5] = (
        b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /StmF /StdCF /StrF /StdCF "
        b"/CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> "
        b"/O <" + b"00" * 48 + b"> /U <" + b"00" * 48 + b"> /OE <" + b"00" * 32 + b"> "
        b"/UE <" + b"00" * 32 + b"> /Perms <" + b"00" * 16 + b"> >>"
    )
    file_id = b"<" + b"ab" * 16 + b">"
    return write_pdf(objects, b"/Encrypt 5 0 R /ID [" + file_id + b" " + file_id + b"] ")
