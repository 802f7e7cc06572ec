"""Letters: templates, context, rendering and conversion."""
