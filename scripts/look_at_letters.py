"""Build letters and put their pages side by side as pictures: the PDF, and the DOCX as Word users see it.

    .venv/bin/python scripts/look_at_letters.py                       # answers/ and examples/, page 1
    .venv/bin/python scripts/look_at_letters.py answers/FOI123456789.yaml --pages 3 -o out/look

For each answer file it builds the DOCX and PDF, renders the PDF's pages with pdftoppm,
converts every DOCX to PDF with LibreOffice (one `soffice --headless` for all of them)
and renders those, then writes NAME-pN.png: our PDF on the left, the DOCX through
LibreOffice on the right, with a caption. Open the PNGs to compare them with the
published letters (letterhead top right, bold request heading, ruled tables).
Needs poppler-utils (pdftoppm) and LibreOffice (soffice); both are in
scripts/system-packages.txt.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent


def build_all(answer_files: list[Path], out: Path) -> list[str]:
    from foiletters.build import build
    from foiletters.render.house import TemplateSet

    templates = TemplateSet(ROOT / "templates")
    return [build(path, out, templates).reference for path in answer_files]


def docx_to_pdf(docx_files: list[Path], out: Path) -> None:
    """All DOCX files to PDF in one LibreOffice run, with a profile of its own (it runs beside a desktop one)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice is missing: install libreoffice-writer-nogui (scripts/system-packages.txt)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=600)


def pages(pdf: Path, count: int, dpi: int, prefix: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-f", "1", "-l", str(count), "-r", str(dpi), "-png", str(pdf), str(prefix)],
                   check=True)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"))


def side_by_side(left: Path | None, right: Path | None, caption: str, target: Path) -> None:
    images = [Image.open(p).convert("RGB") if p else None for p in (left, right)]
    width = max((im.width for im in images if im), default=400)
    height = max((im.height for im in images if im), default=400)
    sheet = Image.new("RGB", (2 * width + 30, height + 40), "#888")
    draw = ImageDraw.Draw(sheet)
    for index, (image, label) in enumerate(zip(images, ("PDF (WeasyPrint)", "DOCX (LibreOffice)"), strict=True)):
        x = 10 + index * (width + 10)
        draw.text((x, 8), f"{caption}: {label}", fill="white")
        if image is None:
            draw.text((x, 40), "no such page", fill="white")
        else:
            sheet.paste(image, (x, 30))
    sheet.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer_files", nargs="*", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "out" / "look")
    parser.add_argument("--pages", type=int, default=1, help="how many pages of each letter (default 1)")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args()
    answer_files = args.answer_files or sorted((ROOT / "answers").glob("*.yaml")) + sorted(
        (ROOT / "examples").glob("*.yaml"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        (work / "png").mkdir()
        references = build_all(answer_files, work / "built")
        docx_to_pdf([work / "built" / f"{r}.docx" for r in references], work / "lo")
        for reference in references:
            ours = pages(work / "built" / f"{reference}.pdf", args.pages, args.dpi, work / "png" / f"{reference}-pdf")
            word = pages(work / "lo" / f"{reference}.pdf", args.pages, args.dpi, work / "png" / f"{reference}-docx")
            for n in range(max(len(ours), len(word))):
                target = args.out / f"{reference}-p{n + 1}.png"
                side_by_side(ours[n] if n < len(ours) else None, word[n] if n < len(word) else None,
                             f"{reference} page {n + 1}", target)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)


if __name__ == "__main__":
    main()
