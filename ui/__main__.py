"""`python -m ui` is the installed `officer-app` program: the window, or a subcommand."""

import sys

from ui.launcher import main

sys.exit(main())
