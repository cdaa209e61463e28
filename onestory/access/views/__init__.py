"""Pages for the audit log, emergency access and shares between agencies."""
