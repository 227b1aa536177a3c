"""The chat (Chainlit). Run it with ``assistant serve``."""
