"""``python -m assistant.cli``: the same as the ``assistant`` command."""

from . import main

main()
