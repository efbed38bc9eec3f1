"""Test support code: real local servers and store helpers (no mocks)."""
