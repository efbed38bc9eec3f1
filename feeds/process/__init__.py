"""The `process` stage: normalise -> tag -> deduplicate. Pure functions over values."""

from feeds.process.normalise import NormaliseOptions, normalise

__all__ = ["NormaliseOptions", "normalise"]
