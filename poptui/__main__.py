"""``python -m poptui``."""

from poptui.cli import main

raise SystemExit(main())
