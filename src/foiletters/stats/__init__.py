"""Performance statistics: the quarterly figures an authority publishes, counted from its answer files.

`facts.py` reads what one answer file says as of a day; `counting.py` adds the facts of a period into named
figures; `periods.py` knows quarters and years; `settings.py` reads the house's settings; `output.py` writes
the table, CSV and JSON; `charts.py` draws the log's charts.
"""
