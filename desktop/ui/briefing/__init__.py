"""The briefing composer in the window: document + undo stack, composer dock, export dialog."""
