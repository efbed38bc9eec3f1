"""The `store` stage: SQLAlchemy Core over SQLite (default) or PostgreSQL, behind `Store`."""

from feeds.store.db import DatabaseUnavailable, StoreError, Timeouts
from feeds.store.items import SaveReport, StoredItem
from feeds.store.queries import Cursor, Page
from feeds.store.repository import Store
from feeds.store.sources import FetchRecord

__all__ = ["Cursor", "DatabaseUnavailable", "FetchRecord", "Page", "SaveReport", "Store", "StoreError",
           "StoredItem", "Timeouts"]
