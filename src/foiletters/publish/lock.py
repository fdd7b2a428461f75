"""One site, one run: a lock on the site's cache folder, held for the whole of `foiletters log`.

The lock is the kernel's (`flock` on `lock` in the cache folder; on Windows, `msvcrt.locking`):
it goes with the process that holds it, however that process ends, so a lock left by a killed
run is simply free and the next run takes it over. The file also says which process holds it
and since when, for the message a second run prints. A second run does not wait unless asked
(`wait=True`, `--wait`): a scheduled run that finds one still going says so and stops, instead
of piling up behind it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import time
from pathlib import Path

from foiletters.errors import FoilettersError, display_path

try:
    import fcntl

    def _lock(fd: int, wait: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
except ImportError:  # Windows: the C runtime's lock on the file's first byte, also released with the process
    import msvcrt

    def _lock(fd: int, wait: bool) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if not wait:
                    raise BlockingIOError from None
                time.sleep(0.5)
import contextlib


class SiteBusy(FoilettersError):
    """Another run is publishing into the same site."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class SiteLock:
    """`with SiteLock(cache, site):` holds the lock; raises SiteBusy when another run has it (unless `wait`)."""

    def __init__(self, cache: Path, site: Path, *, wait: bool = False):
        self.path, self.site, self.wait = cache / "lock", site, wait
        self.fd: int | None = None

    def __enter__(self) -> SiteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd, self.wait)
        except BlockingIOError:
            holder = _holder(self.path)
            os.close(fd)
            raise SiteBusy(f"{display_path(self.site)}: another foiletters log is publishing into this site "
                           f"({holder}); wait for it to finish, or run with --wait to start when it has") from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "since": dt.datetime.now().isoformat(timespec="seconds"),
                                 "host": platform.node()}).encode())
        self.fd = fd
        global _held
        _held = fd
        return self

    def __exit__(self, *exc: object) -> None:
        global _held
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = _held = None


_held: int | None = None


def forget_in_child() -> None:
    """In a forked worker: close the inherited descriptor, so that only the run's own process holds the lock."""
    global _held
    if _held is not None:
        with contextlib.suppress(OSError):
            os.close(_held)
        _held = None


def _holder(path: Path) -> str:
    for _ in range(20):  # the holder writes its details just after taking the lock
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return f"process {data['pid']} on {data['host']}, since {data['since'].replace('T', ' ')}"
        except (OSError, ValueError, KeyError):
            time.sleep(0.01)
    return "a process that has just started"
