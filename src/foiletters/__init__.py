"""foiletters: Freedom of Information response letters from YAML answer files."""

# The one place the version is set (pyproject.toml reads it from here): a constant, not looked up
# with importlib.metadata, whose import costs about 50 ms of every build's start-up.
__version__ = "0.1.0"
