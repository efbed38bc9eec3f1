"""The `store` stage: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from feeds.store.db import StoreError
from feeds.store.repository import FetchRecord, SaveReport, Store

__all__ = ["FetchRecord", "SaveReport", "Store", "StoreError"]
