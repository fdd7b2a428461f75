"""Template governance: which templates are in force, and what a change to them does to letters."""
