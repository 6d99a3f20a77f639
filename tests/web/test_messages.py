"""Messages people read are plain Japanese: no English sentences, no parameter jargon, no HTTP status codes
(the JSON keeps `param` and `status` for programs). Walks the error paths of the pages and the API."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

# Words that are Japanese usage, not English prose: product and format names, and the values a message lists.
ALLOWED = {
    "JSON", "UTF", "YAML", "ID", "URL", "API", "CSV", "GitHub", "true", "false", "unstated",
    "success", "mixed", "failure", "unknown", "hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku",
    "shikoku", "kyushu_okinawa", "prefecture", "designated_city", "core_city", "city", "special_ward", "town",
    "village", "docs", "yaml", "masuda", "kakanai", "madoguchi",
}  # fmt: skip
BAD = [
    "/?limit=abc",
    "/?limit=0",
    "/?region=atlantis",
    "/?theme=no-such-theme",
    "/?year_min=2024&year_max=2020",
    "/?year_min=abc",
    "/?municipality=12",
    "/?prefecture=atlantis",
    "/cases/no-such-case",
    "/towns/999999",
    "/compare?ids=masuda-kakanai-madoguchi",
    "/collection/export.doc?ids=masuda-kakanai-madoguchi",
    "/no-such-page",
]


IDENTIFIER = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")  # theme ids, facet values, formats: data, not prose


def english_words(text: str) -> list[str]:
    """English words of the message's own prose: what the user typed (echoed in 「」) and the identifiers a
    message lists as usable values are data, not prose."""
    prose = re.sub(r"「[^」]*」", "", text)
    words = re.findall(r"[A-Za-z][A-Za-z_-]{2,}", prose)
    return [w for w in words if w not in ALLOWED and not IDENTIFIER.match(w)]


@pytest.mark.parametrize("url", BAD)
def test_error_pages_speak_japanese_without_codes(client, url):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code in (404, 422)
    page = BeautifulSoup(response.text, "html.parser")
    shown = " ".join(el.get_text(" ") for el in page.select("main .error, main h1, main p.error"))
    assert shown.strip(), url
    assert not english_words(shown), (url, shown)
    assert not re.search(r"\b(404|422|500)\b", shown), (url, shown)


@pytest.mark.parametrize("url", [u.replace("/?", "/api/search?") for u in BAD if u.startswith("/?")])
def test_api_messages_are_japanese_and_name_the_parameter_for_programs(client, url):  # type: ignore[no-untyped-def]
    body = client.get(url).json()
    assert body["param"] and body["status"] == 422
    assert not english_words(body["message"]), body
    prose = re.sub(r"「[^」]*」", "", body["message"])
    assert body["param"] not in prose  # the parameter's name is for programs (`param`), not people


def test_like_that_finds_no_town_says_so_in_japanese(client):  # type: ignore[no-untyped-def]
    page = BeautifulSoup(client.get("/?q=窓口&like=存在しない町").text, "html.parser")
    message = page.select_one("#like-error").get_text()
    assert "見つかりません" in message and "like" not in message
