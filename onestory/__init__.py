"""OneStory: the shared case system of a local domestic abuse partnership."""
