"""The front door's pages: public ways in, phone intake, triage, linking and figures."""
