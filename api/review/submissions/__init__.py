"""A teacher's evidence for one chosen point: drafts, documents, history, and every move of its state."""
