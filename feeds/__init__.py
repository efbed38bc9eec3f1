"""ClusterFeeds: collect, deduplicate, tag and republish European cluster news."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clusterfeeds")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
