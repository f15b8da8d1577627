"""Teachers as the API shows them, and their reference photos for face identification."""
