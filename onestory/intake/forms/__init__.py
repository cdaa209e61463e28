"""Forms for the front door: the public forms, phone intake, triage and the figures."""
