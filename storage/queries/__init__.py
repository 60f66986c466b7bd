"""Query functions: plain functions taking the session keyword-only. No commits here: the caller's
use case commits once (storage.db.Database.session)."""
