"""The school administrator's desk: what waits for them, and the history of what became of the work."""
