"""Like with like: foiletters against the pipeline an authority would use instead, on the same letters.

    .venv/bin/python benchmarks/peer_pipeline.py [--count 200] [--jobs N]

The peer makes the DOCX from a Word template and converts it to PDF with LibreOffice (the way
docassemble and Carbone make PDFs):
- the peer's DOCX: docxtpl rendering a template made once from `reference.docx`, in a warm
  process, with python-docx building the same document beside it; the faster of the two is
  the peer's. Its context (the letter's paragraphs, headings, list items and tables, in
  order) is taken from foiletters' own rendering of the letter and is not timed: the peer is
  given its content for free;
- the peer's PDF: `soffice --headless --convert-to pdf` of those DOCX files, with as many
  soffice processes, each with its own profile, as foiletters has workers.
foiletters is one fresh `foiletters log` process over the same answer files (DOCX + PDF +
site, with every check the log makes: the law, private values, attachments' hidden content).

The letters are generated as in log_1000.py (their mix follows the seeds), each with a
requester (name, email, phone, address), a private value, and every other one an attachment.
Prints a letter's time on one core for each, and `peer pipeline: ... ratio R`, R > 1 when
foiletters is faster.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from log_1000 import ROOT, generate, libreoffice, timed_log  # noqa: E402

REFERENCE_DOCX = ROOT / "src" / "foiletters" / "data" / "reference.docx"
BLOCK_TAGS = {"p": "Normal", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li": "List Bullet"}


def blocks_of(html: str) -> list[dict[str, object]]:
    """The letter's paragraphs, headings, list items and tables in order: the peer's context."""
    body = lxml.html.fromstring(html).find("body")
    blocks: list[dict[str, object]] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "table":
                rows = [[" ".join(c.text_content().split()) for c in row if c.tag in ("td", "th")]
                        for row in child.iter("tr")]
                blocks.append({"kind": "table", "header": rows[0] if rows else [], "rows": rows[1:]})
            elif child.tag in BLOCK_TAGS:
                blocks.append({"kind": child.tag, "text": " ".join(child.text_content().split())})
            else:
                walk(child)

    walk(body)
    return blocks


def make_docxtpl_template(path: Path) -> None:
    """A docxtpl template from reference.docx, made once: a loop over blocks, each as its style or a table."""
    import docx

    document = docx.Document(str(REFERENCE_DOCX))
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._element)
    add = document.add_paragraph
    add("{%p for b in blocks %}")
    add('{%p if b.kind == "table" %}')
    table = document.add_table(rows=4, cols=3)
    table.style = "FOI Table" if "FOI Table" in [s.name for s in document.styles] else None
    cells = [["{%tc for c in b.header %}", "{{ c }}", "{%tc endfor %}"],
             ["{%tr for row in b.rows %}", "", ""],
             ["{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"],
             ["{%tr endfor %}", "", ""]]
    for row, texts in zip(table.rows, cells, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    for tag, style in BLOCK_TAGS.items():
        add(f'{{%p elif b.kind == "{tag}" %}}')
        add("{{ b.text }}", style=style)
    add("{%p endif %}")
    add("{%p endfor %}")
    document.save(str(path))


def python_docx_letter(blocks: list[dict[str, object]]) -> bytes:
    """The same document through python-docx's own API, from reference.docx."""
    import docx

    document = docx.Document(str(REFERENCE_DOCX))
    for block in blocks:
        if block["kind"] == "table":
            header, rows = block["header"], block["rows"]
            width = max(len(header), *(len(r) for r in rows), 1)
            table = document.add_table(rows=1 + len(rows), cols=width)
            table.style = "FOI Table"
            for row, texts in zip(table.rows, [header, *rows], strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
        else:
            document.add_paragraph(block["text"], style=BLOCK_TAGS[block["kind"]])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def peer_contexts(answers: Path) -> list[tuple[str, list[dict[str, object]]]]:
    """Each letter's public copy rendered by foiletters, as blocks (the peer's content, not timed)."""
    from foiletters.load.answerfile import Request, load
    from foiletters.render.house import TemplateSet
    from foiletters.render.letter import render

    templates = TemplateSet(ROOT / "templates")
    contexts = []
    for path in sorted(answers.glob("*.yaml")):
        request = load(path)
        public = Request(request.answers.model_copy(update={"requester": None}), request.source, request.data)
        contexts.append((request.answers.file_stem, blocks_of(render(public, templates).html)))
    return contexts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    sys.path.insert(0, str(ROOT / "src"))
    from docxtpl import DocxTemplate

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        answers = work / "answers"
        answers.mkdir()
        mix = generate(answers, args.count, personal=True)
        print(f"{args.count} generated letters like the seeds ({mix['modelled on']}), each with a requester and a "
              f"private value, {mix['files with attachments']} with an attachment; {jobs} workers")

        seconds, log = timed_log(answers, work / "site", jobs)
        if log.get("error") or f"{args.count} published" not in log.get("summary", ""):
            raise SystemExit(f"the log did not publish every letter: {log}")
        ours = seconds * jobs / args.count
        ours_cpu = float(log["cpu_seconds"]) / args.count

        contexts = peer_contexts(answers)
        template = work / "peer-template.docx"
        make_docxtpl_template(template)
        peer_docx = work / "peer"
        peer_docx.mkdir()
        tpl = DocxTemplate(str(template))
        start, cpu = time.perf_counter(), time.process_time()
        for stem, blocks in contexts:  # the warm process: one template object, rendered again for each letter
            tpl.render({"blocks": blocks})
            tpl.save(str(peer_docx / f"{stem}.docx"))
        docxtpl_ms = (time.perf_counter() - start) / len(contexts)
        docxtpl_cpu = (time.process_time() - cpu) / len(contexts)
        start, cpu = time.perf_counter(), time.process_time()
        for _stem, blocks in contexts:
            python_docx_letter(blocks)
        python_docx_ms = (time.perf_counter() - start) / len(contexts)
        python_docx_cpu = (time.process_time() - cpu) / len(contexts)
        peer_docx_s = min(docxtpl_ms, python_docx_ms)
        peer_docx_cpu = min(docxtpl_cpu, python_docx_cpu)

        converted = libreoffice(sorted(peer_docx.glob("*.docx")), jobs)
        if converted is None:
            raise SystemExit("soffice is not installed: no peer to compare with")
        lo_seconds, pdfs, lo_cpu = converted
        if pdfs != len(contexts):
            raise SystemExit(f"LibreOffice converted {pdfs} of {len(contexts)} files")
        conversion = lo_seconds * jobs / pdfs
        peer = peer_docx_s + conversion
        conversion_cpu = lo_cpu / pdfs
        peer_cpu = peer_docx_cpu + conversion_cpu

    print("A letter's time on one core:")
    print(f"  foiletters (DOCX + PDF + site, every check of the log): {ours * 1000:6.1f} ms "
          f"({seconds:.1f} s for {args.count} on {jobs} workers)")
    print(f"  the peer's DOCX: docxtpl {docxtpl_ms * 1000:6.1f} ms, python-docx {python_docx_ms * 1000:6.1f} ms "
          f"(the faster: {peer_docx_s * 1000:.1f} ms)")
    print(f"  the peer's conversion (soffice --convert-to pdf, {jobs} processes): {conversion * 1000:6.1f} ms "
          f"({lo_seconds:.1f} s)")
    print(f"  CPU time a letter (robust on a shared machine, where the load changes between the phases): "
          f"foiletters {ours_cpu * 1000:.1f} ms; the peer's DOCX {peer_docx_cpu * 1000:.1f} ms (docxtpl "
          f"{docxtpl_cpu * 1000:.1f}, python-docx {python_docx_cpu * 1000:.1f}), its conversion "
          f"{conversion_cpu * 1000:.1f} ms; ratio {peer_cpu / ours_cpu:.2f}")
    print(f"peer pipeline: {peer * 1000:.1f} ms a letter against foiletters' {ours * 1000:.1f} ms, "
          f"ratio {peer / ours:.2f}")


if __name__ == "__main__":
    main()
