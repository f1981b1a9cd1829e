"""The app as `poptui serve` runs it for one browser tab (textual-serve's web driver, no terminal).

`poptui serve` checked the database and made the day's backup before the first tab; this only
opens it. A problem goes to stderr, which textual-serve prints in the server's console.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from poptui.cli.common import CommandError, add_database_option, database_path, fail
from poptui.i18n import _, set_language

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="poptui-served", add_help=False)
    add_database_option(parser)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    options = parser.parse_args(argv)
    set_language(options.lang)
    if os.environ.get("TEXTUAL_DRIVER") != WEB_DRIVER:
        return fail(_("Dit deel van poptui start alleen via 'poptui serve'."), 2)
    from poptui.app import PopApp
    from poptui.cli.run_app import open_checked
    from poptui.services.coach import coach_at_start
    from poptui.store import StoreError

    try:
        database = open_checked(database_path(options))
    except (StoreError, CommandError) as error:
        return fail(str(error), 2)
    PopApp(database, coach_at_start(database)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
