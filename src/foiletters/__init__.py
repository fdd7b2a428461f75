"""foiletters: Freedom of Information response letters from YAML answer files."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("foiletters")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
