"""Starting an answer file: `foiletters new`."""
