"""Operation Encompass: police notifications of domestic abuse incidents, and the notices
that tell each child's school before the next school day."""
