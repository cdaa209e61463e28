"""Safe accommodation: schemes, their units and bed spaces, and what each can take."""
