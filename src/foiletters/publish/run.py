"""The `log` and `similar` commands: the batch, its progress, and its report at the end."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foiletters.errors import display_path
from foiletters.publish.batch import LogRun, Outcome, build_log, failures


def run_log(answers_dir: Path, out: Path, templates_dir: Path | None, *, jobs: int | None = None,
            base_url: str = "", echo: Callable[[str], None] = print, interactive: bool = False,
            keep: list[str] | None = None, wait: bool = False, cluster: str | None = None) -> bool:
    """Build the log; print progress and the report; True when nothing failed or leaked."""
    files = sorted(answers_dir.glob("*.yaml"))
    progress = _Progress(echo, interactive)
    try:
        run = build_log(files, out, templates_dir, jobs=jobs, on_progress=progress.step, total=progress.start,
                        base_url=base_url, keep=keep, wait=wait, answers_dirs=[answers_dir],
                        cluster=cluster)
    finally:
        progress.stop()
    _report(run, out, echo)
    return run.ok


def _report(run: LogRun, out: Path, echo: Callable[[str], None]) -> None:
    kept = f", {len(run.kept)} left as published before" if run.kept else ""
    echo(f"{display_path(out)}: {len(run.published)} published ({run.built} built, {run.reused} unchanged, "
         f"{run.workers} worker{'s' if run.workers != 1 else ''}){kept}, {len(run.held)} held back, "
         f"{len(run.failed)} failed" + (f", {len(run.removed)} removed" if run.removed else ""))
    for reference in run.removed:
        echo(f"removed from the log: {reference}")
    for reference in run.kept:
        echo(f"left as published before: {reference} (its answer file failed; see below)")
    for outcome in run.held:
        label = "held back" if outcome.leak else "not published"
        for reason in outcome.held:
            echo(f"{label}: {reason}")
    problems = failures(run)
    if problems:
        echo(f"{len(run.failed)} answer file{'s' if len(run.failed) != 1 else ''} failed:")
        for problem in problems:
            echo(f"  {problem}")


class _Progress:
    """A progress bar on a terminal; a plain line per letter elsewhere (CI logs)."""

    def __init__(self, echo: Callable[[str], None], interactive: bool):
        self.echo, self.interactive = echo, interactive
        self.bar = self.task = None

    def start(self, total: int) -> None:
        if self.interactive and total:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Building letters", total=total)

    def step(self, outcome: Outcome) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
            return
        what = ("built" if outcome.record else "failed" if outcome.problems else
                "held back" if outcome.leak else "not published")
        name = outcome.record.reference if outcome.record else display_path(Path(outcome.source))
        self.echo(f"{what} {name}")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def similar_answer_files(question: str, answers_dir: Path, limit: int = 5) -> list[str]:
    """Answer files with questions like `question`, best first: 'file (score): the question'."""
    from foiletters.errors import AnswerFileError
    from foiletters.load.answerfile import load, walk_items
    from foiletters.publish.similar import Similarity

    texts: dict[str, str] = {}
    questions: dict[str, list[str]] = {}
    for path in sorted(answers_dir.glob("*.yaml")):
        try:
            answers = load(path).answers
        except AnswerFileError:
            continue
        asked = [item.text or "" for _, _, item in walk_items(dict(enumerate(answers.questions)), ("q",))
                 if item.is_question]
        key = display_path(path)
        texts[key] = " ".join([answers.subject, *asked])
        questions[key] = [answers.subject, *asked]
    index = Similarity(texts)
    lines = []
    for key, score in index.query(question, limit=limit):
        own = Similarity(dict(enumerate(questions[key])))  # which of its questions is the nearest
        nearest = own.query(question, limit=1, threshold=0.0)
        best = questions[key][nearest[0][0]] if nearest else questions[key][0]
        lines.append(f"{key} ({score:.2f}): {' '.join(best.split())}")
    return lines
