"""`python -m officer_app` is the same as the `officer-app` command (useful on Windows, where
a GUI script has no console for the subcommands' output)."""

import sys

from officer_app.cli import main

sys.exit(main())
