"""The `config` stage: the operator's YAML files (config/) read and validated into values.

Nothing here does network or database I/O. One module per file kind: sources.py for
sources.yaml; the taxonomies and named feeds get modules of their own.
"""

from feeds.config.sources import ConfigError, SourceConfig, load_sources, parse_interval

__all__ = ["ConfigError", "SourceConfig", "load_sources", "parse_interval"]
