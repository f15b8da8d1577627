"""A group session as a training record (issue 20, item 5): sign-in sheet, report, reflections, package."""
