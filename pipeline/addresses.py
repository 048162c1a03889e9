"""Which addresses the crawler may connect to: the public internet, and only the internal
hosts the operator named.

A crawler that follows strangers' links and redirects can be steered at the machine it runs
on: a redirect to http://169.254.169.254/ would copy a cloud VM's credentials into the
research database. So every connection, redirects included, goes through `GuardedBackend`,
an httpcore network backend that resolves the host once, checks every address it got, and
connects to the checked address itself: no second lookup that a hostile DNS server could
answer differently (DNS rebinding).

Refused unless allowed: loopback, private (RFC 1918), carrier-grade NAT, link-local (with
169.254.169.254), multicast, reserved, documentation and unspecified addresses; IPv6
loopback, unique-local and link-local; and the same addresses inside IPv4-mapped, NAT64,
6to4 and Teredo IPv6 forms.

Allowed all the same: the exact hosts of the seeds, sitemaps and feeds the operator
configured (so a crawl of a site on 127.0.0.1 works, but it does not open 127.0.0.2,
localhost or [::1]), and the host names, addresses and networks of `allow_private`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from pipeline.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(FetchError):
    """A connection the address policy refused: recorded as error_kind 'blocked', never retried."""


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (IPv4-mapped, NAT64, 6to4, Teredo), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]  # the client's address
    return None


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public internet: globally routable unicast, and so is any
    IPv4 address it carries inside it."""
    inner = embedded_ipv4(ip)
    if inner is not None and not is_public(inner):
        return False
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class AddressPolicy:
    """The operator's exceptions to 'public addresses only'.

    `hosts`: host names or address literals (lowercase, as urls.host_key gives them) that may
    resolve anywhere: the configured seeds', sitemaps' and feeds' hosts, and allow_private host
    names. `networks`: addresses and networks from allow_private that are always allowed.
    """

    hosts: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def build(cls, configured_hosts: Iterable[str], allow_private: Iterable[str] = ()) -> AddressPolicy:
        """From the configured URLs' hosts and the `allow_private` entries (host names,
        addresses, or networks like 10.1.0.0/16). A malformed entry raises ValueError."""
        hosts = {h.lower().strip("[]") for h in configured_hosts if h}
        networks = []
        for entry in allow_private:
            entry = entry.strip()
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                if not entry or any(c in entry for c in "/ :"):
                    raise ValueError(f"allow_private entry {entry!r} is neither a host name nor an address") from None
                hosts.add(entry.lower())
        return cls(frozenset(hosts), tuple(networks))

    def allows(self, host: str, ip: IPAddress) -> bool:
        """May a connection for `host` go to `ip`?"""
        if is_public(ip) or host.lower().strip("[]") in self.hosts:
            return True
        return any(ip in network for network in self.networks if network.version == ip.version)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, with the address policy between name lookup and connect."""

    def __init__(self, policy: AddressPolicy, inner: httpcore.NetworkBackend | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpcore.SyncBackend()

    def resolve(self, host: str, port: int) -> list[IPAddress]:
        """Every address `host` resolves to (an address literal is itself), in resolver order."""
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        seen: dict[IPAddress, None] = {}
        for info in infos:
            seen.setdefault(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]), None)
        return list(seen)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = self.resolve(host, port)
        allowed = [ip for ip in addresses if self.policy.allows(host, ip)]
        if not allowed:
            shown = ", ".join(map(str, addresses))
            raise BlockedAddress(f"{host} resolves to {shown}: not a public address; "
                                 f"add it to allow_private in the sites file if this internal site is meant")
        error: Exception | None = None
        for ip in allowed:  # the address checked is the address connected to
            try:
                return self.inner.connect_tcp(str(ip), port, timeout=timeout, local_address=local_address,
                                              socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise BlockedAddress(f"unix socket {path}: not a network address")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def guarded_transport(policy: AddressPolicy, **options: Any) -> httpx.HTTPTransport:
    """An httpx transport whose every connection, redirects included, passes `policy`.

    httpx does not take a network backend itself, so the connection pool it built is
    replaced by one with the same options and our backend (tests/test_addresses.py proves,
    on real servers, that a refused address is never connected to).
    """
    transport = httpx.HTTPTransport(**options)
    limits = options.get("limits", httpx.Limits(max_connections=100, max_keepalive_connections=20,
                                                keepalive_expiry=5.0))
    old = transport._pool
    transport._pool = httpcore.ConnectionPool(
        ssl_context=old._ssl_context, max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
        http1=options.get("http1", True), http2=options.get("http2", False), retries=options.get("retries", 0),
        network_backend=GuardedBackend(policy))
    return transport
