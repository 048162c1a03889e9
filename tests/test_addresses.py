"""The address policy: decisions on address values, and refusals on real servers on 127.0.0.x and [::1].

No other address is ever put where code could connect to it: private, link-local and cloud
metadata addresses are tested as values only.
"""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from pipeline.addresses import AddressPolicy, BlockedAddress, guarded_transport, is_public
from tests.conftest import RouteServer, send

REFUSED = ["10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "169.254.169.254", "127.0.0.1", "127.0.0.2",
           "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.10", "198.18.0.1",
           "::1", "::", "fd00::1", "fe80::1", "ff02::1", "::ffff:192.168.1.1", "::ffff:127.0.0.1",
           "64:ff9b::a00:1", "2002:a00:1::1", "2002:7f00:1::1"]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8", "2002:808:808::1"]


@pytest.mark.parametrize("address", REFUSED)
def test_internal_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))
    assert not AddressPolicy().allows("news.example", ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are(address):
    assert is_public(ipaddress.ip_address(address))


def test_only_what_the_operator_named_is_allowed():
    policy = AddressPolicy.build(["127.0.0.1", "news.example"], ["10.1.2.3", "10.9.0.0/16", "intranet.example", "fd00::/8"])
    ip = ipaddress.ip_address
    assert policy.allows("127.0.0.1", ip("127.0.0.1"))
    assert not policy.allows("127.0.0.2", ip("127.0.0.2")) and not policy.allows("localhost", ip("127.0.0.1"))
    assert not policy.allows("::1", ip("::1"))
    assert policy.allows("news.example", ip("10.0.0.7"))  # a configured host may resolve anywhere
    assert policy.allows("other.example", ip("10.1.2.3")) and policy.allows("x.example", ip("10.9.4.4"))
    assert not policy.allows("other.example", ip("10.1.2.4")) and not policy.allows("x.example", ip("169.254.169.254"))
    assert policy.allows("intranet.example", ip("192.168.0.5")) and policy.allows("v6.example", ip("fd12::1"))
    with pytest.raises(ValueError, match="neither a host name nor an address"):
        AddressPolicy.build([], ["10.1.2.3/99"])


@pytest.fixture()
def servers():
    """The seed's server on 127.0.0.1, and internal ones the seed must not reach."""
    started = {host: RouteServer(host) for host in ("127.0.0.1", "127.0.0.2", "::1")}
    for server in started.values():
        server.routes["/latest/meta-data/iam"] = lambda r: send(r, 200, b"<html>secret credentials</html>")
    yield started
    for server in started.values():
        server.close()


def test_redirects_to_internal_hosts_are_refused_before_connecting(servers):
    seed, other, v6 = servers["127.0.0.1"], servers["127.0.0.2"], servers["::1"]
    targets = {"/go": other.url, "/go-localhost": f"http://localhost:{seed.url.rsplit(':', 1)[1]}", "/go-v6": v6.url}
    for path, base in targets.items():
        seed.routes[path] = lambda r, base=base: (r.send_response(302), r.send_header("Location", base + "/latest/meta-data/iam"),
                                                   r.send_header("Content-Length", "0"), r.end_headers())
    seed.routes["/ok"] = lambda r: send(r, 200, b"<html>fine</html>")
    policy = AddressPolicy.build(["127.0.0.1"])
    with httpx.Client(transport=guarded_transport(policy), follow_redirects=True) as client:
        assert client.get(seed.url + "/ok").text == "<html>fine</html>"
        for path in targets:
            with pytest.raises(BlockedAddress, match="not a public address"):
                client.get(seed.url + path)
    assert other.hits == {} and v6.hits == {}  # never connected to, not merely not stored
    assert "/latest/meta-data/iam" not in seed.hits  # localhost is the seed's own server, by another name
    allowed = AddressPolicy.build(["127.0.0.1"], ["127.0.0.2"])
    with httpx.Client(transport=guarded_transport(allowed), follow_redirects=True) as client:
        assert client.get(seed.url + "/go").text == "<html>secret credentials</html>"  # the operator said so
    assert other.hits == {"/latest/meta-data/iam": 1}
