"""The address policy: which IP addresses the collector may connect to, as lists of networks.

A source URL is operator configuration, but every hop after it (redirects, links in
listings, sitemap entries) is chosen by the site, so a hostile site could point us at the
machine's own services or a cloud metadata endpoint (SSRF). Two lists decide:

- `NEVER`: link-local and metadata addresses, multicast, broadcast and reserved space.
  Never fetched, whatever the settings: nothing a feed could be is served there, and
  169.254.169.254 / fd00:ec2::254 / 100.100.100.200 hand out cloud credentials.
- `PRIVATE`: loopback, RFC 1918, shared address space (RFC 6598), unique-local IPv6,
  documentation and benchmarking ranges. Refused unless `allow_private_networks` is set
  (tests on loopback, intranet sources).

IPv6 forms that carry an IPv4 address (IPv4-mapped, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`,
Teredo) are judged by the IPv4 address inside as well, so `2002:7f00:1::` is loopback.
Pure: no resolving here (`feeds.collect.transport` resolves once and connects to the
address this module allowed).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(*specs: tuple[str, str]) -> tuple[tuple[Network, str], ...]:
    return tuple((ipaddress.ip_network(cidr), why) for cidr, why in specs)


NEVER = _networks(
    ("169.254.0.0/16", "link-local (cloud metadata at 169.254.169.254)"),
    ("fe80::/10", "link-local"),
    ("fd00:ec2::254/128", "cloud metadata (AWS IPv6)"),
    ("100.100.100.200/32", "cloud metadata (Alibaba)"),
    ("0.0.0.0/8", "'this network'"),
    ("::/128", "unspecified"),
    ("224.0.0.0/4", "multicast"),
    ("ff00::/8", "multicast"),
    ("240.0.0.0/4", "reserved"),  # includes 255.255.255.255, the broadcast address
)

PRIVATE = _networks(
    ("127.0.0.0/8", "loopback"),
    ("::1/128", "loopback"),
    ("10.0.0.0/8", "private (RFC 1918)"),
    ("172.16.0.0/12", "private (RFC 1918)"),
    ("192.168.0.0/16", "private (RFC 1918)"),
    ("100.64.0.0/10", "shared address space (RFC 6598, carrier NAT)"),
    ("fc00::/7", "unique local (RFC 4193)"),
    ("fec0::/10", "site-local (deprecated)"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("2001:db8::/32", "documentation"),
    ("198.18.0.0/15", "benchmarking"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("100::/64", "discard-only"),
)


@dataclass(frozen=True)
class AddressPolicy:
    """Whether an address may be connected to; `allow_private` opens the PRIVATE list, never NEVER."""

    allow_private: bool = False

    def refusal(self, address: str | Address) -> str | None:
        """Why `address` is refused (a short phrase), or None when it may be fetched."""
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        for candidate in (ip, *embedded_ipv4(ip)):
            reason = self._listed(candidate)
            if reason:
                return reason if candidate == ip else f"{reason}, inside {ip}"
        return None

    def _listed(self, ip: Address) -> str | None:
        for network, why in NEVER:
            if ip.version == network.version and ip in network:
                return why
        if not self.allow_private:
            for network, why in PRIVATE:
                if ip.version == network.version and ip in network:
                    return why
        return None


def embedded_ipv4(ip: Address) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64, Teredo server and client)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return ()
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return tuple(found)
