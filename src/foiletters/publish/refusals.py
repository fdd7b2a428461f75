"""What `foiletters log` refuses before it builds anything, and says why.

A site folder that would publish the answer files (or is the current folder); answer files whose
references give one file name, compared as a case-insensitive file system compares them (each is
refused, naming the others, and what was published for that name stays); a request folder that
holds a file foiletters did not write (the run will not publish into it).
"""

from __future__ import annotations

from pathlib import Path

from foiletters.errors import FoilettersError, display_path


def check_site_folder(out: Path, answers_dirs: list[Path], templates_dir: Path | None) -> None:
    """Refuse a site folder that would publish the answers, the cache or the house templates."""
    site, here = out.resolve(), Path.cwd().resolve()
    problem = ""
    if site == here or site in here.parents:
        problem = "is the current folder (or holds it): the site would publish whatever is in it"
    for folder in [*answers_dirs, *([templates_dir] if templates_dir and templates_dir.is_dir() else [])]:
        folder = folder.resolve()
        if problem:
            break
        if folder == site:
            problem = f"is {display_path(folder)}: the site would publish what it holds"
        elif site in folder.parents:
            problem = f"holds {display_path(folder)}: the site would publish it"
    if problem:
        raise FoilettersError(f"{display_path(out)}: the site folder {problem}; choose a folder of its own, "
                              "e.g. --out site/")


def shared_or_blocked(contested: dict[str, list[tuple[str, str]]], blocked: dict[str, list[str]],
                      claims: dict[str, list[tuple[str, str]]], out: Path) -> dict[str, str]:
    """The answer files not to build, each with why: those whose reference gives the file name of another's
    (`contested`: stem -> [(source, reference)]), those whose folder holds a file foiletters did not write
    (`blocked`: stem -> files; `claims`: every stem -> its sources)."""
    refused: dict[str, str] = {}
    for sources in contested.values():
        for source, reference in sources:
            others = [f"{display_path(Path(s))} ({r})" for s, r in sources if s != source]
            refused[source] = (f"{display_path(Path(source))}: reference {reference} gives the same file name as "
                               f"the reference of {', '.join(others)}; neither is published until each request has "
                               "its own reference (what was published for it before stays as it was)")
    for stem, names in blocked.items():
        for source, _ in claims.get(stem, []):
            refused.setdefault(source, f"{display_path(Path(source))}: {unknown_message(out, names, 'its folder')}")
    return refused


def unknown_message(out: Path, names: list[str], where: str) -> str:
    """Files of the site that foiletters did not write: which, and what to do about them."""
    shown = ", ".join(display_path(out / n) for n in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5
                                                                     else "")
    return (f"{shown}: foiletters did not write {'this file' if len(names) == 1 else 'these files'}, so it will not "
            f"publish into {where} (nothing there was changed); move {'it' if len(names) == 1 else 'them'} out of "
            f"{display_path(out)}, or keep {'it' if len(names) == 1 else 'them'} there with "
            f"--keep {names[0].split('/')[-1]} (or `log_keep:` in the house profile)")


