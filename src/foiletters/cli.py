"""The command line: a thin layer over the pipeline's functions.

Each command imports what it needs when it runs, so `foiletters --help` starts fast and
never loads WeasyPrint.
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import nullcontext
from pathlib import Path

import click

from foiletters import __version__, one_shot

DEFAULT_OUT = Path("out")
# The kinds of letter (load/letters.py KINDS), here so that `--help` does not import the model.
LETTER_KINDS = ("acknowledgement", "clarification", "extension", "response", "refusal", "review", "transfer")
DEFAULT_TEMPLATES = Path("templates")


def _templates_option(function):  # noqa: ANN001, ANN201 - a click decorator
    return click.option(
        "--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path),
        default=lambda: os.environ.get("FOILETTERS_TEMPLATES", DEFAULT_TEMPLATES), show_default="templates/",
        help="The organisation's templates folder, which overrides the packaged defaults.",
    )(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="foiletters")
def cli() -> None:
    """Freedom of Information response letters, as DOCX and PDF, from YAML answer files.

    \b
    A letter in four steps:
      foiletters new FOI123456789 --questions request.txt   # the request, pasted into a file
      (write the answers in answers/FOI123456789.yaml)
      foiletters check answers/FOI123456789.yaml            # what the law requires
      foiletters build answers/FOI123456789.yaml            # → out/FOI123456789.docx and .pdf

    Each command's --help has examples: foiletters build --help
    """


@cli.command()
@click.argument("answer_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="The folder the letters are written to.")
@click.option("--format", "formats", type=click.Choice(["docx", "pdf"]), multiple=True,
              help="Build only this format (repeatable). Default: both.")
@click.option("--letter", "kind", type=click.Choice(LETTER_KINDS), default=None,
              help="Which letter of the request's life to build (the newest of that kind). Default: the newest "
                   "letter in the file.")
@_templates_option
def build(answer_files: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], kind: str | None,
          templates_dir: Path) -> None:
    """Build the newest letter of each ANSWER_FILE as DOCX and PDF.

    The response is REFERENCE.docx and .pdf; the other letters of the request's life (under
    `letters:` in the answer file) are REFERENCE-KIND-YYYY-MM-DD.docx and .pdf.

    \b
    Examples:
      foiletters build answers/FOI123456789.yaml
      foiletters build answers/*.yaml -o letters/
      foiletters build answers/FOI123456789.yaml --format pdf
      foiletters build answers/FOI123456789.yaml --letter acknowledgement
    """
    from foiletters.write.pdf_process import PdfProcess

    with PdfProcess() if "pdf" in (formats or ("pdf",)) else nullcontext() as pdf:  # WeasyPrint loads meanwhile
        with one_shot.imports_frozen():
            from foiletters.build import FORMATS, build_files
            from foiletters.errors import AnswerFileError, display_path
            from foiletters.render.house import TemplateSet
            if "docx" in (formats or FORMATS):
                import foiletters.write.docx  # noqa: F401 - the build's, here with the rest of the pipeline

        def wrote(built) -> None:  # noqa: ANN001 - a Built
            for path in built.files:
                click.echo(f"wrote {display_path(path)}")

        _, problems = build_files(list(answer_files), out_dir, TemplateSet(templates_dir), formats or FORMATS,
                                  pdf_writer=pdf.to_pdf if pdf else None, on_built=wrote, kind=kind)
    if problems:
        raise AnswerFileError(problems)


@cli.command()
@click.argument("answer_files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules, their severity and their legal source.")
@_templates_option
def check(answer_files: tuple[Path, ...], strict: bool, list_rules: bool, templates_dir: Path) -> None:
    """Check each ANSWER_FILE against what its regime's law requires.

    Every finding names the file and line, the rule in brackets, what to write, and the
    law it comes from. Errors stop `build`; warnings are printed. To accept a finding
    knowingly for one request, add it to the answer file with your reason:

    \b
      accepted:
        - rule: unanswered
          question: 8 v
          reason: the service holds no figures for this; agreed with the requester

    \b
    Examples:
      foiletters check answers/FOI123456789.yaml
      foiletters check answers/*.yaml examples/*.yaml
      foiletters check --rules

    Exit status: 0 when no errors (and, with --strict, no warnings), 1 when there are,
    2 when an answer file cannot be read at all.
    """
    from foiletters.check.report import check_files, rules_table

    if list_rules:
        click.echo(rules_table())
        return
    if not answer_files:
        raise click.UsageError("give one or more answer files, e.g. foiletters check answers/*.yaml")
    from foiletters.render.house import TemplateSet

    status = check_files(answer_files, TemplateSet(templates_dir), strict=strict, echo=click.echo)
    if status:
        raise click.exceptions.Exit(status)


@cli.command()
@click.argument("reference")
@click.option("--regime", type=click.Choice(["FOIA", "EIR", "FOISA", "EISR"], case_sensitive=False), default="FOIA",
              show_default=True, help="The law the request is answered under.")
@click.option("--questions", "questions_file", type=click.File("r", encoding="utf-8"), default=None,
              help="A text file with the request as the requester wrote it, or - for standard input.")
@click.option("--subject", default="", help="What the request relates to (it can be filled in later).")
@click.option("--received", type=click.DateTime(["%Y-%m-%d"]), default=None, help="When it arrived, YYYY-MM-DD.")
@click.option("-o", "--out", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The answer file to write. Default: answers/REFERENCE.yaml.")
def new(reference: str, regime: str, questions_file, subject: str, received, target: Path | None) -> None:  # noqa: ANN001
    """Start the answer file of request REFERENCE, with today's date and the request's questions.

    Paste the request into a file (or standard input): numbered lines (1. 2) Q3) become
    questions, lettered or roman ones (a) b. i) ii.) their parts, each with its label as
    written and an empty answer to fill in. The greeting and sign-off of an email are left out.

    \b
    Examples:
      foiletters new FOI123456789
      foiletters new FOI123456789 --regime eir --questions request.txt
      pbpaste | foiletters new FOI123456789 --questions - --received 2026-03-02
    """
    from foiletters.errors import display_path
    from foiletters.load.model import file_stem
    from foiletters.start.new_answer_file import new_answer_file

    path = new_answer_file(reference, target or Path("answers") / f"{file_stem(reference)}.yaml", regime=regime,
                           request=questions_file.read() if questions_file else "", subject=subject,
                           received=received.date() if received else None)
    click.echo(f"wrote {display_path(path)}: fill in the answers, then run foiletters check {display_path(path)}")


@cli.command()
@click.option("-o", "--out", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of standard output.")
def schema(target: Path | None) -> None:
    """Write the answer file's JSON Schema, for completion and inline errors in an editor.

    \b
    Examples:
      foiletters schema -o answer-file.schema.json
    Then, in VS Code with the YAML extension (redhat.vscode-yaml), in .vscode/settings.json:
      "yaml.schemas": {"./answer-file.schema.json": ["answers/*.yaml", "examples/*.yaml"]}
    """
    import json

    from foiletters.load.json_schema import answer_file_schema
    from foiletters.write.files import write_atomically

    text = json.dumps(answer_file_schema(), indent=2, ensure_ascii=False) + "\n"
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomically(target, text.encode("utf-8"))
        click.echo(f"wrote {target}")


@cli.command("log")
@click.argument("answers_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="The site folder: publish its contents as they are.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="How many letters to build at once. Default: one per processor core.")
@click.option("--base-url", default="", help="The address the site will have, e.g. https://www.example.gov.uk/foi/ "
              "(for the feed and the JSON); relative links without it.")
@click.option("--keep", "keep", multiple=True, metavar="NAME",
              help="A file or folder of the site that foiletters did not write and must leave alone "
              "(repeatable; patterns allowed), e.g. --keep .git --keep robots.txt. Also `log_keep:` in the "
              "house profile.")
@click.option("--wait", is_flag=True, help="If another run is publishing into the same site, wait for it to "
              "finish instead of stopping.")
@click.option("--cluster", metavar="ADDRESS", default=None,
              help="Build the letters on a Dask distributed cluster, e.g. tcp://scheduler:8786 (the site, the "
              "cache and every file are still written here). Needs `pip install distributed`.")
@_templates_option
def log(answers_dir: Path, out_dir: Path, jobs: int | None, base_url: str, keep: tuple[str, ...], wait: bool,
        cluster: str | None,
        templates_dir: Path) -> None:
    """Build every answer file in ANSWERS_DIR into the public disclosure log.

    Only answer files marked `reviewed_for_publication: YYYY-MM-DD` are published, as the
    letter without the requester ("Dear Sir/Madam"). A request whose public copy would
    contain the requester's details in any form (name, email, address, phone), a value under
    `private:`, an attachment with hidden sheets, rows, comments, tracked changes, authors or
    active content, or anything that cannot be searched, is held back, and the run says where
    and which form, never the text (`foiletters privacy FILE` shows it in context). Unchanged
    letters are not built again; removed or unmarked ones disappear from the site. A broken
    answer file does not stop the others.

    The site holds exactly the current letters: files an earlier run wrote and no letter holds
    now are removed; a file foiletters never wrote is never deleted, and the run will not
    publish into its folder unless it is kept (--keep). One run at a time: a second run on the
    same site stops at once, saying which process has it (or waits, with --wait).

    \b
    Examples:
      foiletters log answers/ --out site/
      foiletters log answers/ --out site/ --base-url https://www.example.gov.uk/foi/
      foiletters log answers/ --out site/ --keep .git --keep robots.txt
      foiletters log answers/ --out site/ --cluster tcp://scheduler.example:8786
    Exit status: 0 when every marked request was published, 1 when any failed or was held back
    for private or hidden content, 2 when the site cannot be published into (a file foiletters
    did not write, a site folder that holds the answers), 74 when the disk refused a file, 75
    when another run is publishing into the same site.
    """
    from foiletters.publish.run import run_log

    if cluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise click.UsageError("--cluster needs Dask distributed: pip install distributed") from None
    if not run_log(answers_dir, out_dir, templates_dir, jobs=jobs, base_url=base_url, echo=click.echo,
                   interactive=sys.stdout.isatty(), keep=list(keep), wait=wait, cluster=cluster):
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("answer_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_templates_option
def privacy(answer_files: tuple[Path, ...], templates_dir: Path) -> None:
    """Show, on your own terminal, what keeps each ANSWER_FILE out of the disclosure log, in context.

    `foiletters log` says only where a private value turned up and which form of it (its output goes
    to CI logs). This shows each match with the words around it, and what is hidden in attachments,
    so that you can remove it or release that one occurrence in the answer file:

    \b
      releases:
        - at: "questions[2].answer:14:5"
          reason: the Hall here is the village hall, not the requester

    \b
    Examples:
      foiletters privacy answers/FOI123456789.yaml
    Exit status: 0 when nothing would be held back, 1 when something would.
    """
    from foiletters.publish.privacy_terminal import show_private_matches
    from foiletters.render.house import TemplateSet

    if not show_private_matches(list(answer_files), TemplateSet(templates_dir), echo=click.echo):
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quarter", default=None, metavar="2026Q1", help="A quarter: financial (Q1 is April to June) "
              "unless statistics.yaml says calendar.")
@click.option("--year", type=int, default=None, metavar="2026", help="A year: the financial year 2026/27, or "
              "the calendar year in calendar quarters.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The first day, YYYY-MM-DD.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The last day, YYYY-MM-DD (default: --as-of).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Count what had happened by this day, YYYY-MM-DD (default: today).")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="The folder the CSV and JSON files are written to.")
@click.option("--figures", "list_figures", is_flag=True, help="List every figure's name, for statistics.yaml.")
@_templates_option
def stats(paths: tuple[Path, ...], quarter: str | None, year: int | None, start, end, as_of, out_dir: Path,  # noqa: ANN001
          list_figures: bool, templates_dir: Path) -> None:
    """Count the performance statistics of the answer files in PATHS (folders or files), published or not.

    Requests received in the period, per law and in total: answered in time, within an extension,
    late or still open; outcomes; exemptions; internal reviews and appeals. Without a period, the
    last full quarter. Prints a table, and writes statistics-PERIOD.csv and .json, and a CSV for
    each return that templates/statistics.yaml sets, to the --out folder.

    \b
    Examples:
      foiletters stats answers/
      foiletters stats answers/ --quarter 2026Q1
      foiletters stats answers/ --year 2025 -o returns/
      foiletters stats answers/ --from 2026-01-01 --to 2026-03-31 --as-of 2026-04-15
    """
    import datetime as dt

    from foiletters.errors import display_path
    from foiletters.render.house import TemplateSet
    from foiletters.stats.command import choose_period, statistics_of
    from foiletters.stats.output import print_table, write_files
    from foiletters.stats.settings import settings as statistics_settings

    if list_figures:
        from foiletters.stats.counting import FIGURES, KEYS

        for key in KEYS:
            for figure, what in FIGURES.items():
                click.echo(f"{key}.{figure}\t{what}")
        click.echo("<law>.exemption.<cite>\thow many requests cited it, e.g. foia.exemption.s40(2)")
        return
    if not paths:
        raise click.UsageError("give the answer files or their folder, e.g. foiletters stats answers/")
    templates = TemplateSet(templates_dir)
    settings = statistics_settings(templates)
    on = as_of.date() if as_of else dt.date.today()
    period = choose_period(settings, on, start=start.date() if start else None, end=end.date() if end else None,
                           quarter=quarter, year=year)
    figures = statistics_of(list(paths), templates, on, period)
    print_table(figures, on)
    for path in write_files(out_dir, figures, on, settings):
        click.echo(f"wrote {display_path(path)}")


@cli.command()
@click.argument("question")
@click.option("--answers", "answers_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("answers"), show_default=True, help="The folder of answer files to search.")
@click.option("-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True)
def similar(question: str, answers_dir: Path, limit: int) -> None:
    """List earlier answer files that answered something like QUESTION.

    \b
    Examples:
      foiletters similar "How many children are in care, by placement type?"
      foiletters similar "social worker caseloads" --answers answers/ -n 10
    """
    from foiletters.publish.run import similar_answer_files

    found = similar_answer_files(question, answers_dir, limit)
    if not found:
        click.echo("No earlier answer file asked anything like it.")
    for line in found:
        click.echo(line)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output", type=click.Choice(["table", "csv"]), default=None,
              help="A table for reading, or CSV for a spreadsheet. Default: a table on a terminal, else CSV.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day to count from, YYYY-MM-DD (default: today).")
@_templates_option
def due(paths: tuple[Path, ...], output: str | None, as_of, templates_dir: Path) -> None:  # noqa: ANN001
    """List the requests still open in PATHS (answer files, or folders of them), soonest due first.

    The due date counts every letter in the answer file: 20 working days from `received`,
    again from a clarification's `answered`, and the date an extension notice gave. Overdue
    requests are marked. The requester is never shown.

    \b
    Examples:
      foiletters due answers/
      foiletters due answers/ --format csv > open-requests.csv
      foiletters due answers/ --as-of 2026-03-02
    Exit status: 0, or 2 when an answer file cannot be read (the others are still listed).
    """
    import datetime as dt

    from foiletters.check.open_requests import as_csv, as_table, open_requests
    from foiletters.render.house import TemplateSet

    today = as_of.date() if as_of else dt.date.today()
    rows, problems = open_requests(list(paths), TemplateSet(templates_dir), today)
    output = output or ("table" if sys.stdout.isatty() else "csv")
    click.echo(as_table(rows, today) if output == "table" else as_csv(rows), nl=output == "table")
    for problem in problems:
        click.echo(f"{problem} (not listed)", err=True)
    if problems:
        raise click.exceptions.Exit(2)


def _date_option(function):  # noqa: ANN001, ANN201 - a click decorator
    return click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="The day to look at, YYYY-MM-DD (default: today).")(function)


@cli.group()
def templates() -> None:
    """What the governance team needs: which wording is in force, and what a change does.

    \b
    Examples:
      foiletters templates list
      foiletters templates list --as-of 2024-06-01
      foiletters templates check                    # every letter in answers/ and examples/
      foiletters templates check --against HEAD~1   # against the templates of an earlier commit
      foiletters templates check --against-builds published/
    """


@templates.command("list")
@_date_option
@_templates_option
def templates_list(as_of, templates_dir: Path) -> None:  # noqa: ANN001 - a click DateTime
    """List the templates, boilerplate versions and data files in force on a day, and where each comes from."""
    import datetime as dt

    from foiletters.errors import display_path
    from foiletters.governance.listing import future_versions, in_force
    from foiletters.render.house import TemplateSet

    on = as_of.date() if as_of else dt.date.today()
    templates_set = TemplateSet(templates_dir)
    click.echo(f"In force on {on:%d %B %Y} (templates version {templates_set.fingerprint(on)}):")
    rows = in_force(templates_set, on)
    width = max(len(row.name) for row in rows)
    for row in rows:
        where = display_path(row.path) if row.origin != "none" else ""
        note = f"  ({row.note})" if row.note else ""
        click.echo(f"  {row.name:<{width}}  {row.origin:<19}  {where}{note}")
    ahead = future_versions(templates_set, on)
    if ahead:
        click.echo("Written ahead, not yet in force:")
        for version in ahead:
            click.echo(f"  {version.name:<{width}}  from {version.start:%d %B %Y}  {display_path(version.path)}")


@templates.command("check")
@click.argument("answer_files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--against", "against_revision", default="HEAD", show_default=True, metavar="REV",
              help="Compare each letter with the same letter rendered with the house templates at this git "
                   "revision.")
@click.option("--against-builds", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Compare with a folder of earlier builds (REFERENCE.docx) instead of a git revision.")
@click.option("--fail-on-change", is_flag=True, help="Exit with status 1 when any letter's text changed too.")
@_date_option
@_templates_option
def templates_check(answer_files: tuple[Path, ...], against_revision: str, against_builds: Path | None,
                    fail_on_change: bool, as_of, templates_dir: Path) -> None:  # noqa: ANN001
    """Render every letter with the templates in force, strictly, and show what changed.

    ANSWER_FILES default to answers/*.yaml and examples/*.yaml. Errors (exit status 1): a
    template syntax error, an undefined name, a letter dated where no boilerplate version
    applies, overlapping versions. The diff shows, per letter, the lines the templates in
    force change against the baseline: the house templates at a git revision (default HEAD,
    so uncommitted edits show), or a folder of earlier builds.
    """
    import datetime as dt

    from foiletters.governance.template_check import check_templates
    from foiletters.render.house import TemplateSet

    files = list(answer_files) or sorted(Path("answers").glob("*.yaml")) + sorted(Path("examples").glob("*.yaml"))
    if not files:
        raise click.UsageError("no answer files: give them, or run this in the folder that has answers/")
    on = as_of.date() if as_of else dt.date.today()
    report = check_templates(TemplateSet(templates_dir), files, on, against_revision=against_revision,
                             against_builds=against_builds)
    for diff in report.changed.values():
        click.echo("\n".join(diff))
    for level, lines in (("error", report.errors), ("warning", report.warnings), ("info", report.info)):
        for line in lines:
            click.echo(f"{level}: {line}")
    click.echo(f"{report.letters} letters rendered; {len(report.changed)} changed, {len(report.unchanged)} "
               f"unchanged; {len(report.errors)} errors, {len(report.warnings)} warnings")
    if report.failed or (fail_on_change and report.changed):
        raise click.exceptions.Exit(1)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. Tests call this directly."""
    try:
        # Without standalone mode click returns a command's exit status (from `Exit`) instead of exiting.
        status = cli.main(args=argv, prog_name="foiletters", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except OSError as error:  # the disk's answer (no such folder, no permission, disk full), not a bug
        click.echo(f"Error: {error.filename or ''}: {error.strerror or error}; check that the folder exists "
                   "and can be written", err=True)
        return 74
    except Exception:  # a bug in foiletters: show it, and ask for a report
        traceback.print_exc()
        click.echo("This is a bug in foiletters, not a mistake of yours: please report it with the "
                   "message above and the file you built.", err=True)
        return 70
    return status if isinstance(status, int) else 0


def entry_point() -> None:
    """The `foiletters` command: one command in a process of its own, which then exits."""
    one_shot.own_process()
    status = main()
    one_shot.before_exit()
    sys.exit(status)
