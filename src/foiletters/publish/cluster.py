"""`foiletters log --cluster ADDRESS`: the letters built on a Dask distributed cluster.

The cluster only builds letters; everything else stays with this process, as with the
process pool: the manifest, writing every file (atomically) and the site. So an incremental
run, a held-back request, an interrupted run and the run after it behave as they do on one
machine.
- Each worker receives the house templates once (a worker plugin, also given to workers that
  join later) and keeps them, with WeasyPrint loaded, for its life.
- Each task carries one answer file and the files beside it that it reads (its CSV tables and
  attachments), and returns the files it built as bytes; nothing is read from or written to a
  disk the workers share, so they need no access to the answers or the site.
- A letter is built by the batch's own function (`batch.build_answer_file`), in a folder of the
  worker's own; what it reports is given back with the paths of this machine, and this process
  writes it as the process pool's workers do (`batch.write_built`: the letter's files as one set).
Workers need foiletters installed at the same version (a different one builds other bytes).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from distributed import Client, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from foiletters.errors import AnswerFileError, FoilettersError, TemplateError, display_path
from foiletters.load.answerfile import load
from foiletters.publish import batch

PLUGIN_NAME = "foiletters-templates"
CONNECT_SECONDS = 20


def run_on_cluster(todo: list[tuple[str, str | None]], out: Path, cache: Path, templates_dir: Path | None,
                   address: str,
                   on_workers: Callable[[int], None] = lambda count: None) -> Iterator[batch.Outcome]:
    """Build `todo` on the cluster at `address`; yield each letter's outcome once its files are written here."""
    templates = _folder_files(templates_dir) if templates_dir else None
    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as error:
        raise FoilettersError(f"cannot reach the Dask scheduler at {address}: {error}; check the address "
                              "(tcp://HOST:8786) and that the scheduler is running") from None
    with client:
        client.register_plugin(_Templates(templates), name=PLUGIN_NAME)
        on_workers(len(client.scheduler_info().get("workers", {})))
        futures = [client.submit(build_remotely, _task(Path(source), stem),
                                 key=f"foiletters-{i}-{Path(source).name}", pure=False)
                   for i, (source, stem) in enumerate(todo)]
        try:
            for future in as_completed(futures, loop=client.loop):
                outcome, published = future.result()
                future.release()
                if published is not None:  # the letter's files, as one set, as a worker of the process pool does
                    batch.write_built(outcome, published, out, cache)
                yield outcome
        finally:
            for future in futures:
                future.cancel()


def _task(source: Path, stem: str | None) -> dict[str, Any]:
    """One answer file with the files it reads, the file name the run expects of its reference, and how this
    machine names its folder in messages."""
    files = {source.name: source.read_bytes()}
    try:
        names = batch._dependencies(load(source))
    except AnswerFileError:  # the worker finds the same mistakes, and reports them
        names = []
    for name in names:
        path = source.parent / name
        if path.is_file():
            files[name] = path.read_bytes()
    return {"source": str(source), "name": source.name, "files": files, "stem": stem,
            "shown_folder": display_path(source.parent / "x")[:-1]}


_one_at_a_time = threading.Lock()  # a worker with several threads builds one letter at a time (WeasyPrint's state)


def build_remotely(task: dict[str, Any]) -> tuple[batch.Outcome, Any]:
    """On a worker: the batch's build of one letter in a folder of its own; its outcome and what to publish
    (`public_letter.Published`: the files as bytes), or None."""
    with _one_at_a_time, tempfile.TemporaryDirectory(prefix="foiletters-") as scratch:
        answers = Path(scratch) / "answers"
        answers.mkdir()
        for name, data in task["files"].items():
            (answers / name).write_bytes(data)
        outcome, published = batch.build_answer_file(str(answers / task["name"]), task["stem"])
        here = display_path(answers / "x")[:-1]
    outcome.source = task["source"]
    outcome.problems = [_here(p, here, task["shown_folder"]) for p in outcome.problems]
    outcome.held = [_here(h, here, task["shown_folder"]) for h in outcome.held]
    if "held" in outcome.entry:
        outcome.entry["held"] = outcome.held
    return outcome, published


def _here(message: str, worker_folder: str, folder: str) -> str:
    return message.replace(worker_folder, folder)


def _folder_files(folder: Path) -> dict[str, bytes]:
    """Every file of the house templates folder, by its path inside it; a link may not lead outside it."""
    root = folder.resolve()
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise TemplateError(f"{display_path(path)}: a link in the templates folder points outside it; "
                                "put the file itself in the folder")
        if path.is_file() and "__pycache__" not in path.parts:
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


class _Templates(WorkerPlugin):
    """A worker plugin: the house templates, written into a folder of the worker's own, and the worker made ready."""

    def __init__(self, files: dict[str, bytes] | None):
        self.files = files

    def setup(self, worker: Any = None) -> None:
        folder = None
        if self.files is not None:
            self._scratch = tempfile.TemporaryDirectory(prefix="foiletters-templates-")
            folder = Path(self._scratch.name) / "templates"
            for name, data in self.files.items():
                path = folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        batch.start_worker(str(folder) if folder else None)

    def teardown(self, worker: Any = None) -> None:
        if getattr(self, "_scratch", None) is not None:
            self._scratch.cleanup()
