"""poptui: personal development plans (POP) for social-economy coaches, in the terminal."""

__version__ = "0.1.0"
