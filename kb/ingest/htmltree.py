"""An HTML page as a tree, within the budget, and the walks extraction makes over it — each in one pass.

`parse_html` stops at `Limits.max_html_depth` and `max_html_elements` while parsing, before the rest of a
hostile page is built. The walks visit every node once: `text_sizes` (text and link-text length of every
element at once), `block_text` (the text, one block per line) and `anchors` (each link's text). Calling
`get_text()` per element instead reads a nested page once per level: 10,000 levels took about a minute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from bs4 import BeautifulSoup, CData, NavigableString, PageElement, Tag

from kb.ingest.limits import Limits
from kb.ingest.page import normalize_text

# What get_text() reads by default: not comments, doctypes, scripts, styles, templates or ruby readings.
TEXT_TYPES = (NavigableString, CData)
BLOCK_TAGS = frozenset(
    ["p", "div", "li", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "section"]
)
CELL_TAGS = frozenset(["td", "th"])


class _BoundedSoup(BeautifulSoup):
    """BeautifulSoup with html.parser that refuses a page as soon as it nests too deep or has too many elements."""

    def __init__(self, markup: str, limits: Limits):
        self._limits, self._elements = limits, 0
        super().__init__(markup, "html.parser")

    def pushTag(self, tag: Tag) -> None:
        if tag is not self:  # the soup itself is pushed first, as the root
            self._elements += 1
            if len(self.tagStack) > self._limits.max_html_depth:
                raise self._limits.exceeded("max_html_depth", "HTMLの入れ子が深すぎます")
            if self._elements > self._limits.max_html_elements:
                raise self._limits.exceeded("max_html_elements", "HTMLの要素が多すぎます")
        super().pushTag(tag)


def parse_html(html: str, limits: Limits) -> BeautifulSoup:
    return _BoundedSoup(html, limits)


def prune(root: Tag, unwanted: Callable[[Tag], bool]) -> None:
    """Remove every element under `root` that is `unwanted`, with its content. Each parent's children are
    visited last to first, so every removal knows its index (`Tag.decompose` looks it up, and `.decomposed`
    searches the subtree: both once per element made cleaning quadratic)."""
    stack = [root]
    while stack:
        tag = stack.pop()
        for i in reversed(range(len(tag.contents))):
            child = tag.contents[i]
            if isinstance(child, Tag):
                if unwanted(child):
                    child.extract(_self_index=i)
                else:
                    stack.append(child)


def text_sizes(root: Tag) -> tuple[dict[int, int], dict[int, int]]:
    """For every element under `root` (by `id`): the length of its stripped text, as
    `len(tag.get_text(strip=True))`, and how much of it is inside links."""
    text: dict[int, int] = defaultdict(int)
    links: dict[int, int] = defaultdict(int)
    for node in reversed(list(root.descendants)):  # every child before its parent
        if isinstance(node, Tag):
            if node.name == "a":
                links[id(node)] = text[id(node)]
            size, linked = text[id(node)], links[id(node)]
        elif isinstance(node, NavigableString) and type(node) in TEXT_TYPES:
            size, linked = len(node.strip()), 0
        else:
            continue
        text[id(node.parent)] += size
        links[id(node.parent)] += linked
    return text, links


def _walk(root: Tag) -> Iterator[tuple[PageElement, bool]]:
    """(node, entering) for every node under `root` in document order: a tag once on entering and once on
    leaving (a `br` only on entering; it has no content), a string once."""
    tags, children = [root], [iter(root.contents)]
    while children:
        child = next(children[-1], None)
        if child is None:
            children.pop()
            if (tag := tags.pop()) is not root:
                yield tag, False
            continue
        yield child, True
        if isinstance(child, Tag) and child.name != "br":
            tags.append(child)
            children.append(iter(child.contents))


def block_text(root: Tag) -> str:
    """The text of `root`, one block per line: a line break after each block element and `br`, a space
    after each table cell; normalised as every page text is."""
    parts: list[str] = []
    for node, entering in _walk(root):
        if isinstance(node, Tag):
            if node.name == "br" or (not entering and node.name in BLOCK_TAGS):
                parts.append("\n")
            elif not entering and node.name in CELL_TAGS:
                parts.append(" ")
        elif isinstance(node, NavigableString) and type(node) in TEXT_TYPES:
            parts.append(node)
    return normalize_text("".join(parts))


def anchors(root: Tag) -> list[tuple[str, str]]:
    """(href, text) of every link under `root`, in page order. A string belongs to its innermost link, as in a
    browser, which closes a link when another opens."""
    found: list[tuple[str, list[str]]] = []
    inside: list[int] = []  # index in `found` of each open link, innermost last
    for node, entering in _walk(root):
        if isinstance(node, Tag) and node.name == "a" and node.has_attr("href"):
            if entering:
                found.append((str(node["href"]), []))
                inside.append(len(found) - 1)
            else:
                inside.pop()
        elif isinstance(node, NavigableString) and type(node) in TEXT_TYPES and inside:
            found[inside[-1]][1].append(node)
    return [(href, "".join(parts)) for href, parts in found]
