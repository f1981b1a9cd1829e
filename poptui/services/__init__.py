"""The rules of poptui: screens and the command line call these, never the store directly."""
