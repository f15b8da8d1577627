"""The province's side: the forwarded 优秀 work, and sampling rounds over it."""
