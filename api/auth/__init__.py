"""Sign-in: argon2 passwords, opaque session tokens (cookie or bearer)."""
