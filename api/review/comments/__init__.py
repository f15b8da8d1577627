"""Time-coded comments on a recording: reviewers pin remarks to moments, authors edit their own."""
