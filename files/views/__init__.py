"""The files app's views: raw bytes (raw.py), browsing (pages.py) and changes (actions.py)."""
