"""Pages for routing and onward referrals."""
