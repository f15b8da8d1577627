"""A group leader's acts on the group's session recordings: accept despite checks, assign a face,
re-run the analysis, delete (issue 16)."""
