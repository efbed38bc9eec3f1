"""The `store` stage: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from feeds.store.db import StoreError
from feeds.store.repository import SaveReport, Store

__all__ = ["SaveReport", "Store", "StoreError"]
