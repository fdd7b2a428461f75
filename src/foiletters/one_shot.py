"""A `foiletters` command runs once, in a process of its own: Python's garbage collector need not walk the
modules it imports again and again.

Python's cyclic garbage collector walks every tracked object in each full collection. The modules a build
imports (the pipeline, pydantic's schemas, Jinja, python-docx; WeasyPrint in the PDF process) are some
50,000 objects that live as long as the process, and walking them, while they are imported and at exit,
is some 50 ms of CPU in a one-letter build and 0.2 s at exit. Here a command's imports run with the
collector off and are then frozen (`gc.freeze`: left out of later collections); the letters' own objects
are collected as before.

Only where the process ends with the command: `entry_point` (the `foiletters` command) and the PDF
process say so with `own_process()`. In a process that goes on after a command (the tests call
`cli.main`), garbage frozen with the modules would never be freed, so nothing changes there.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_own_process = False


def own_process() -> None:
    """This process ends when its command does: imports may be frozen, and the exit need not collect."""
    global _own_process
    _own_process = True


@contextmanager
def imports_frozen() -> Iterator[None]:
    """Import with the garbage collector off, then freeze what was imported (in a command's own process)."""
    if not _own_process or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def before_exit() -> None:
    """Python's exit runs full collections while it clears the modules, walking every object the command
    made; frozen, they are left to the operating system, which frees them anyway. atexit handlers run and
    open files are closed as before."""
    if _own_process:
        gc.freeze()
