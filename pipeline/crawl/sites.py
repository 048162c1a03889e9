"""The sites a crawl was given, and which one a URL or host belongs to.

A *site* is what a budget or a same-site rule counts (urls.site_of: the host without a leading
www.), so https://www.a.example/ and https://a.example/x are one site with one `max_pages`,
while politeness still gives each host its own slots and delay.
"""

from __future__ import annotations

import dataclasses

from pipeline.config import Config, SiteConfig, SiteIndex
from pipeline.errors import ConfigError
from pipeline.urls import host_key, normalize_url, site_of


class Sites:
    """Which configured site a URL belongs to: by its site, or as a subdomain of one."""

    def __init__(self, sites: list[SiteConfig]) -> None:
        self.sites = sites
        self._index = SiteIndex(sites)

    @property
    def names(self) -> set[str]:
        """The sites (as urls.site_of gives them) that links may stay on with --same-site."""
        return self._index.names

    @property
    def hosts(self) -> set[str]:
        """The exact hosts of the configured seeds, sitemaps and feeds: the address policy lets
        these resolve to internal addresses (a site on 127.0.0.1 or the intranet), no others."""
        return {host_key(url) for site in self.sites for url in (*site.seeds, *site.sitemaps, *site.feeds)}

    @property
    def seeds(self) -> list[str]:
        return [seed for site in self.sites for seed in site.seeds]

    @property
    def sources(self) -> set[str]:
        """The sitemaps and feeds the operator configured (a 404 there is a failure, not a dead link)."""
        return {url for site in self.sites for url in (*site.sitemaps, *site.feeds)}

    def of(self, url: str) -> SiteConfig | None:
        return self.of_host(site_of(url))

    def of_host(self, host: str) -> SiteConfig | None:
        """The site of a host as the frontier stores it (urls.host_key), www. or not."""
        return self._index.of_site(host.removeprefix("www."))


def configured_sites(config: Config, seeds: list[str]) -> Sites:
    """The sites file's sites plus one for the command line's seeds, seeds normalised.

    Raises ConfigError for a seed that is not an http(s) URL, or when there is nothing to crawl.
    """
    sites = [dataclasses.replace(s, seeds=tuple(_valid_seeds(list(s.seeds)))) for s in config.sites]
    if config.shard is not None:
        sites = _in_shard(sites, config.shard, bool(seeds))
    if seeds:
        sites.append(SiteConfig(name="command line", seeds=tuple(_valid_seeds(seeds))))
    if not sites:
        raise ConfigError("nothing to crawl: give seed URLs or --config sites.toml")
    return Sites(sites)


def _in_shard(sites: list[SiteConfig], shard: tuple[int, int], cli_seeds: bool) -> list[SiteConfig]:
    """The sites of shard K of N, by the stable hash of each site's name (so give every site a name:
    the default 'siteI' changes when the file's order does)."""
    from pipeline.engines.shards import site_in_shard

    k, n = shard
    if cli_seeds:
        raise ConfigError(f"shard {k}/{n} splits the [[sites]] of a sites file; put the seeds there, "
                          "not on the command line")
    if not sites:
        raise ConfigError(f"shard {k}/{n}: give --config sites.toml with [[sites]] to split")
    mine = [site for site in sites if site_in_shard(site.name, k, n)]
    if not mine:
        raise ConfigError(f"shard {k}/{n} holds none of the {len(sites)} sites of the sites file; "
                          "use fewer shards or add sites")
    return mine


def _valid_seeds(seeds: list[str]) -> list[str]:
    valid = []
    for seed in seeds:
        url = normalize_url(seed)
        if url is None:
            raise ConfigError(f"seed {seed!r} is not an http(s) URL; give URLs like https://example.com/news/")
        valid.append(url)
    return valid
