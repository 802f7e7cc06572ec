"""The request wizard and the reusable records chooser."""
