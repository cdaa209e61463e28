"""Pages for signing in and out, two-step verification, and managing staff accounts."""
