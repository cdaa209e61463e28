"""Case-work pages. Views are thin: they fetch through ``onestory.cases.access``, call an
action, and show its refusals next to the fields."""
