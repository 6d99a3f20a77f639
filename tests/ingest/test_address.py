"""Where ingest may connect: public addresses only, and URLs without credentials."""

from __future__ import annotations

import ipaddress

import pytest

from kb.errors import IngestError
from kb.ingest.address import check_public, check_url, is_public, strip_credentials


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("224.0.0.1", False),  # multicast
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("::ffff:93.184.215.14", True),
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
    ],
)
def test_public_addresses(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    ("url", "stripped"),
    [
        ("https://user:pass@www.city.example.lg.jp/a.html", "https://www.city.example.lg.jp/a.html"),
        ("https://a@b@www.city.example.lg.jp:8443/p?q=@", "https://www.city.example.lg.jp:8443/p?q=@"),
        ("https://www.city.example.lg.jp/mail@example", "https://www.city.example.lg.jp/mail@example"),
        ("http://u:p@[::1", "http://[::1"),  # too malformed to parse: still no password
    ],
)
def test_credentials_are_stripped(url, stripped):
    assert strip_credentials(url) == stripped


def test_check_url_returns_the_url_without_credentials():
    assert check_url("https://me:pw@www.city.example.lg.jp/") == "https://www.city.example.lg.jp/"


def test_a_name_is_resolved_once_and_every_address_must_be_public():
    asked = []

    def dns(host: str, port: int) -> list[str]:
        asked.append((host, port))
        return ["93.184.215.14"]

    check_public("https://www.city.example.lg.jp/", dns)
    assert asked == [("www.city.example.lg.jp", 443)]
    with pytest.raises(IngestError, match=r"10\.0\.0\.1.*--allow-private"):
        check_public("http://both.example/", lambda host, port: ["93.184.215.14", "10.0.0.1"])


def test_a_name_that_does_not_resolve_is_a_connection_error():
    def nxdomain(host: str, port: int) -> list[str]:
        raise OSError(f"unknown host {host}")

    with pytest.raises(IngestError, match=r"接続できません.*解決できません"):
        check_public("https://nowhere.example/", nxdomain)
