"""Tagging: countries (ISO 3166-1 alpha-2, lower case, plus `eu`) and topics (slugs of
config/topics.yaml) for each item, from source metadata and from the text.

    tagger = Tagger(load_taxonomy(config_dir))   # once per run
    item = tagger.tag_item(item)                 # per item: pure
"""

from feeds.process.tagging.tagger import Tagger

__all__ = ["Tagger"]
