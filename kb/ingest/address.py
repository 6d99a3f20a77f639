"""Where `kb ingest` may connect: well-formed http(s) URLs without credentials, on public addresses only.

A URL given or reached by a redirect could point at this machine (127.0.0.1, 0.0.0.0), the cloud metadata
service (169.254.169.254) or the office network (10.x, 192.168.x): the host is resolved and every address it
has must be global before any request is sent, on every redirect hop, unless the curator allows private
addresses (`kb ingest --allow-private`). Resolution goes through a `Resolver`, so tests need no DNS.

Credentials in a URL (`https://user:pass@host/`) are dropped before anything else sees it: they are never sent,
never written to the cache or a draft, and never printed.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from kb.errors import IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]  # (host, port) → its addresses, as getaddrinfo gives them
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#]*@")  # the authority up to its last @


def system_resolver(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def strip_credentials(url: str) -> str:
    """`url` without its `user:pass@` part (unchanged when it has none). Never raises, even for a URL too
    malformed to parse, so that what is printed about it holds no password either."""
    return _USERINFO.sub(r"\1", url, count=1)


def check_url(url: str) -> str:
    """`url` without credentials; refuses, as this input's own error, a URL that urllib (the store) or httpx
    (the client) cannot parse."""
    url = strip_credentials(url)
    try:
        parts = urlsplit(url)
        host = httpx.URL(url).host
    except (ValueError, httpx.InvalidURL) as e:
        raise IngestError(f"URLの形式が正しくありません ({e})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise IngestError("URLの形式が正しくありません (http:// か https:// とホスト名が必要です)")
    return url


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo, NAT64), which is what gets reached."""
    for v4 in (ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None):
        if v4 is not None:
            return v4
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None


def is_public(ip: IPAddress) -> bool:
    """A global unicast address: not loopback, link-local, private, shared, reserved, multicast or 0.0.0.0."""
    if isinstance(ip, ipaddress.IPv6Address) and (v4 := _embedded_v4(ip)) is not None:
        return is_public(v4)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_public(url: str, resolve: Resolver) -> None:
    """Refuse `url` unless its host is, or resolves only to, public addresses."""
    parsed = httpx.URL(url)
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:  # a name, not an address literal
        try:
            addresses = [ipaddress.ip_address(a) for a in resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as e:
            raise IngestError(f"接続できません(ホスト名 {host} を解決できません: {e})") from None
    private = [str(a) for a in addresses if not is_public(a)]
    if private or not addresses:
        raise IngestError(
            f"内部向けのアドレスには接続しません({host} → {', '.join(private) or 'アドレスなし'}。"
            "社内サーバーから取り込むときは --allow-private)"
        )
