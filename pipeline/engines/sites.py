"""Which records of an archive belong to the sites of a sites file.

An archive such as CC-NEWS holds thousands of sites; a research group wants its own few.
A URL is kept when its site (host without www., or a subdomain of it) is one of a
configured site's seeds, sitemaps or feeds and it matches none of that site's
exclude_patterns; the site's article_patterns then decide article or listing, as in a crawl.
"""

from __future__ import annotations

from pipeline.config import SiteConfig, SiteIndex
from pipeline.urls import site_of


class SiteFilter:
    """Keep only the URLs of `sites` (picklable: it travels to worker processes)."""

    def __init__(self, sites: tuple[SiteConfig, ...]) -> None:
        self.sites = tuple(sites)
        self._index = SiteIndex(self.sites)

    def site(self, url: str) -> SiteConfig | None:
        """The configured site of `url`, by its site or a parent domain of it."""
        return self._index.of_site(site_of(url))

    def match(self, url: str) -> tuple[bool, SiteConfig | None, str | None]:
        """(keep, its site, why not): why not is 'outside_sites' or 'excluded'."""
        site = self.site(url)
        if site is None:
            return False, None, "outside_sites"
        if site.is_excluded(url):
            return False, site, "excluded"
        return True, site, None
