"""Reading recordings: detail with per-stage status, listing, live events, retry."""
