"""Worker processes for the log, each building one letter at a time, that know which letter a dead one held.

`concurrent.futures.ProcessPoolExecutor` breaks as a whole when one worker dies (the out-of-memory
killer, a crash in a library): every letter in progress fails with `BrokenProcessPool`, and which
one was at fault is lost. Here each worker has its own pipe and is given one task at a time, so a
worker that dies is known with the task it held: that task is reported as `WorkerDied` (with how
it died), a new worker takes its place, and the other tasks go on.

Each worker watches the process that started it and exits when it is gone (killed), instead of
building on with no one to report to.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from foiletters.write.pdf_process import watch_parent


@dataclass
class WorkerDied:
    """The worker doing a task ended without finishing it."""

    exitcode: int | None

    def __str__(self) -> str:
        if self.exitcode is not None and self.exitcode < 0:
            name = signal.Signals(-self.exitcode).name if -self.exitcode in signal.valid_signals() else "?"
            how = f"was killed by signal {-self.exitcode} ({name})"
            if self.exitcode == -signal.SIGKILL:
                how += ", as the system's out-of-memory killer does when a process needs more memory than there is"
            return how
        return f"ended with exit status {self.exitcode}"


def _serve(connection: Connection, parent: int, initializer: Callable[..., None], initargs: tuple[Any, ...],
           function: Callable[..., Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's: it lets the letters in progress finish
    watch_parent(parent)
    initializer(*initargs)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            connection.send(("ok", function(*task)))
        except Exception as error:  # a bug: the run shows it, with the worker's traceback
            import traceback

            connection.send(("raised", RuntimeError(f"{error!r} in a worker:\n{traceback.format_exc()}")))


class _Worker:
    def __init__(self, context: Any, target_args: tuple[Any, ...]):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, os.getpid(), *target_args), daemon=True)
        self.process.start()
        child.close()
        self.task: Any = None
        self.given = 0  # tasks given so far: one never given any holds nothing, and may be stopped at once


class Pool:
    """Worker processes that each run `initializer(*initargs)` as they start, then `function` on one task at a time.

    Workers may be started (`start`) before the tasks are known, so that what each loads as it starts (the
    templates, WeasyPrint) is loaded while this process works out which letters to build."""

    def __init__(self, function: Callable[..., Any], initializer: Callable[..., None],
                 initargs: tuple[Any, ...] = ()):
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._target = (initializer, initargs, function)
        self._workers: list[_Worker] = []

    @property
    def size(self) -> int:
        return len(self._workers)

    def start(self, count: int) -> None:
        """Have at least `count` workers, starting those missing now."""
        while len(self._workers) < count:
            self._workers.append(_Worker(self._context, self._target))

    def run(self, tasks: Iterable[tuple[Any, ...]], workers: int) -> Iterator[tuple[tuple[Any, ...], Any]]:
        """Yield (task, result) as each finishes, on up to `workers` workers (and any started before); the
        result is `WorkerDied` when the worker died doing it."""
        queue = list(tasks)[::-1]
        pool = self._workers
        while queue or any(w.task is not None for w in pool):
            for worker in [w for w in pool if w.task is None]:
                if not queue:
                    break
                if not _give(worker, queue.pop(), queue):
                    pool.remove(worker)  # it died between two letters (or as it started): another takes its letter
            while queue and len(pool) < workers:
                worker = _Worker(self._context, self._target)
                pool.append(worker)
                if not _give(worker, queue.pop(), queue):
                    raise RuntimeError("a worker process could not be started")
            busy = {w.connection: w for w in pool if w.task is not None}
            busy |= {w.process.sentinel: w for w in pool if w.task is not None}
            for ready in wait(list(busy)):
                worker = busy[ready]
                if worker.task is None:
                    continue  # its pipe and its end both ready: handled once
                task, worker.task = worker.task, None
                try:
                    status, result = worker.connection.recv() if worker.connection.poll() else ("died", None)
                except (EOFError, OSError):
                    status = "died"
                if status == "died":
                    worker.process.join()
                    pool.remove(worker)
                    yield task, WorkerDied(worker.process.exitcode)
                elif status == "raised":
                    raise result
                else:
                    yield task, result

    def close(self) -> None:
        """Ask each worker to end once its letter is done (Ctrl-C lets the letters in progress finish)."""
        _stop(self._workers)
        self._workers = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def run_tasks(function: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], workers: int,
              initializer: Callable[..., None], initargs: tuple[Any, ...] = (),
              ) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Yield (task, result) as each finishes; the result is `WorkerDied` when the worker died doing it."""
    with Pool(function, initializer, initargs) as pool:
        yield from pool.run(tasks, workers)


def _give(worker: _Worker, task: tuple[Any, ...], queue: list[tuple[Any, ...]]) -> bool:
    try:
        worker.connection.send(task)
    except OSError:
        queue.append(task)
        worker.process.join()
        return False
    worker.task = task
    worker.given += 1
    return True


def _stop(pool: list[_Worker]) -> None:
    """Ask each worker to end once its letter is done (Ctrl-C lets the letters in progress finish). One that was
    never given a letter has written nothing and is stopped at once: a worker started early for a file that
    turned out unchanged (touched, not edited) would otherwise finish loading WeasyPrint before it ended."""
    for worker in pool:
        if not worker.given:
            worker.process.kill()
            continue
        with contextlib.suppress(OSError):
            worker.connection.send(None)
    for worker in pool:
        worker.process.join(timeout=120)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
