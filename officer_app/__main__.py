"""`python -m officer_app SUBCOMMAND ...` runs the command line without the window (useful on
Windows, where the installed `officer-app` is a windowed program with no console for the
subcommands' output). With no subcommand it prints the help; the window is `officer-app` on
its own, or `python -m ui`."""

import sys

from officer_app.cli import main

sys.exit(main())
