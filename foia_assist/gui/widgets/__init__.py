"""Form widgets shared by the wizard, the bulk dialog and the settings dialog."""
