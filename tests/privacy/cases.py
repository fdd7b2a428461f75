"""The privacy corpus: one case per form a requester's details take, and where they can hide.

Each case is one answer file. `expect` is what the log must do with it: hold it back, publish it (the
cases that show the log is not made useless: a surname inside a longer word, a released occurrence,
the house's own town), or fail (a `private:` value that cannot be protected). `secrets` must not reach
any byte of the site, whatever the case's outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attachments as a

REQUESTER = {"name": "Ms Rowena Threlkeld", "email": "rowena.threlkeld@example.org", "phone": "024 7697 1234",
             "address": ["14 Larkspur Crescent", "Earlsdon", "Coventry", "CV9 9ZZ"]}
SECRETS = ["Threlkeld", "Rowena Threlkeld", "rowena.threlkeld@example.org", "024 7697 1234", "Larkspur Crescent",
           "CV9 9ZZ"]


@dataclass
class Case:
    name: str
    expect: str  # "held", "published" or "failed"
    answer: str = "There are 12 bus routes."
    secrets: list[str] = field(default_factory=lambda: list(SECRETS))
    requester: dict[str, Any] = field(default_factory=lambda: dict(REQUESTER))
    subject: str = "bus routes"
    request_text: str | None = None
    reference: str | None = None
    private: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None  # rows of a table [Route, Contact]
    csv_table: tuple[Callable[[Path, str], None], str] | None = None  # (writer, value)
    csv_name: str = "table.csv"
    attachment: tuple[Callable[[Path, str], None], str, str] | None = None  # (builder, file name, value)
    release: str | None = None  # a word of the answer whose occurrence the officer releases
    shown: list[str] = field(default_factory=list)  # what the published site must still say
    why: str = "the requester's"  # what the held-back report says of it (never the value)


def _with(**changes: Any) -> dict[str, Any]:
    return {**REQUESTER, **changes}


NAME = "Rowena Threlkeld"
HALL = _with(name="Mr Alan Hall")
BROWN = _with(name="Ms Jane Brown")

CASES = [
    # The name, in the forms people write it
    Case("full name", "held", answer=f"As {NAME} asked, there are 12."),
    Case("title and surname", "held", answer="As Ms Threlkeld asked, there are 12."),
    Case("title with a full stop", "held", answer="As Ms. Threlkeld asked, there are 12."),
    Case("another title", "held", answer="As Dr Threlkeld asked, there are 12."),
    Case("initial and surname", "held", answer="As R. Threlkeld asked, there are 12."),
    Case("surname first", "held", answer="Requested by Threlkeld, Rowena."),
    Case("capitals", "held", answer="REQUESTED BY ROWENA THRELKELD."),
    Case("accent added", "held", answer="As Rowena Thrélkeld asked."),
    Case("accent decomposed", "held", answer="As Rowena Thre\u0301lkeld asked."),
    Case("zero-width space inside", "held", answer="As Rowena Threl\u200bkeld asked."),
    Case("soft hyphen inside", "held", answer="As Rowena Threl\u00adkeld asked."),
    # (in a text attachment: the letter's own fonts cannot draw these, so `check` refuses them in the letter)
    Case("word joiner inside", "held", attachment=(a.text_plain, "notes.txt", "As Rowena Threl\u2060keld asked.")),
    Case("full-width letters", "held", attachment=(a.text_plain, "notes.txt",
                                                   "As \uff34\uff48\uff52\uff45\uff4c\uff4b\uff45\uff4c\uff44 asked.")),
    Case("broken over a line", "held", request_text="Yours faithfully,\nRowena Threl-\nkeld"),
    Case("middle initial written", "held", requester=_with(name="Rowena Jane Threlkeld"),
         answer="As Rowena J Threlkeld asked."),
    Case("middle name recorded, not written", "held", requester=_with(name="Rowena Jane Threlkeld"),
         answer="As Rowena Threlkeld asked."),
    Case("recorded surname first", "held", requester=_with(name="Threlkeld, Rowena"),
         answer="As Ms Rowena Threlkeld asked."),
    Case("typographic apostrophe", "held", requester=_with(name="Siobhan O'Riordan"),
         answer="As Ms O\u2019Riordan asked.", secrets=["O'Riordan", "ORiordan", "Siobhan O'Riordan"]),
    Case("apostrophe left out", "held", requester=_with(name="Siobhan O'Riordan"),
         answer="As Ms ORiordan asked.", secrets=["O'Riordan", "ORiordan"]),
    Case("apostrophe as a space", "held", requester=_with(name="Siobhan O'Riordan"),
         answer="As Ms O Riordan asked.", secrets=["O'Riordan", "O Riordan"]),
    Case("Mc written apart", "held", requester=_with(name="Sarah McDonald"), answer="As Mrs Mc Donald asked.",
         secrets=["McDonald", "Mc Donald"]),
    Case("a Cyrillic letter that looks Latin", "held", answer="As Ms \u0422hrelkeld asked."),
    Case("double-barrelled without the hyphen", "held", requester=_with(name="Ann Quill-Requester"),
         answer="As Ann Quill Requester asked.", secrets=["Quill-Requester", "QuillRequester", "Ann Quill"]),
    Case("double-barrelled run together", "held", requester=_with(name="Ann Quill-Requester"),
         answer="As Ms QuillRequester asked.", secrets=["QuillRequester"]),
    Case("particle surname", "held", requester=_with(name="Pieter van der Berg"),
         answer="As Mr Van Der Berg asked.", secrets=["van der Berg", "Pieter van der Berg"]),
    Case("name run together by a zero-width space", "held", answer="As Rowena\u200bThrelkeld asked."),
    # Where the name can be in the answer file and what the site publishes
    Case("in the subject", "held", subject=f"bus routes, asked by {NAME}"),
    Case("in the request text", "held", request_text=f"Dear FOI team,\n\nPlease tell me.\n\n{NAME}"),
    Case("in a table cell", "held", table=[["A1", "Ms R Threlkeld"]]),
    Case("in a CSV table", "held", csv_table=(a.csv_utf8, NAME)),
    Case("in a CSV table in Windows-1252", "held", csv_table=(a.csv_cp1252, "Mrs Thrélkeld")),
    Case("in the reference", "held", reference="FOI-THRELKELD-1"),
    Case("in a CSV table's file name", "held", csv_table=(a.csv_utf8, "Route A1"), csv_name="threlkeld.csv"),
    Case("in an attachment's file name", "held", attachment=(a.text_plain, "threlkeld-notes.txt", "Routes")),
    Case("in a link target", "held", answer="See [our page](https://example.org/people/rowena-threlkeld)."),
    Case("percent-encoded mailto link", "held", answer="Write to [us](mailto:rowena.threlkeld%40example.org)."),
    Case("request website profile link", "held", why="a request website's user profile",
         answer="As asked on https://www.whatdotheyknow.com/user/rowena_t2 in March."),
    Case("request website reply address", "held", why="the requester's email address",
         requester=_with(email="foi+request-123456-abcd1234@whatdotheyknow.com"),
         answer="Replies go to foi+request-123456-abcd1234@whatdotheyknow.com.",
         secrets=["request-123456-abcd1234"]),
    # The email address
    Case("email", "held", answer="Sent to rowena.threlkeld@example.org."),
    Case("email in capitals", "held", answer="Sent to ROWENA.THRELKELD@EXAMPLE.ORG."),
    Case("email in words", "held", answer="Sent to rowena dot threlkeld at example dot org."),
    Case("email with [at] and [dot]", "held", answer="Sent to rowena.threlkeld [at] example [dot] org."),
    Case("email with (at)", "held", answer="Sent to rowena.threlkeld(at)example.org."),
    Case("email with a tag", "held", answer="Sent to rowena.threlkeld+foi@example.org."),
    Case("name with Markdown inside the word", "held", answer="As Ms Threl**kel**d asked."),
    Case("phone with an extension", "held", answer="Call (024) 7697-1234 ext. 5."),
    Case("another country's phone, written at home", "held", requester=_with(phone="+1 555 010 9999"),
         answer="Call 555-010-9999.", secrets=["555 010 9999"]),
    Case("email's own domain", "held", requester=_with(email="rowena@threlkeld-family.net"),
         answer="Our reply went to threlkeld-family.net.", secrets=["threlkeld-family.net", "Threlkeld"]),
    Case("surname from the email, no name recorded", "held",
         requester={"email": "rowena.threlkeld@example.org"}, answer="As Ms Threlkeld asked."),
    # The address
    Case("street and number", "held", answer="They live at 14 Larkspur Crescent."),
    Case("street abbreviated", "held", answer="They live at 14 Larkspur Cres."),
    Case("street without the number", "held", answer="The bus stops in Larkspur Crescent."),
    Case("road abbreviated", "held", requester=_with(address=["7 Quarry Road", "Coventry", "CV2 4AB"]),
         answer="At 7 Quarry Rd.", secrets=["Quarry Road", "Quarry Rd", "CV2 4AB"]),
    Case("postcode without its space", "held", answer="The postcode CV99ZZ was given."),
    Case("postcode in lower case, spaced", "held", answer="The postcode cv9   9zz was given."),
    Case("house name", "held", requester=_with(address=["Quillon Cottage", "Mill Lane", "Little Snoring",
                                                        "Norfolk", "NR21 0AA"]),
         answer="Delivered to Quillon Cottage.", secrets=["Quillon Cottage", "NR21 0AA"]),
    Case("address written on one line", "held", requester=_with(address=["14 Larkspur Crescent, Coventry, CV9 9ZZ"]),
         answer="The stop in Larkspur Crescent."),
    # The phone number
    Case("phone without spaces", "held", answer="Call 02476971234."),
    Case("phone international", "held", answer="Call +44 24 7697 1234."),
    Case("phone international with (0)", "held", answer="Call +44 (0)24 7697 1234."),
    Case("phone with 0044 and dashes", "held", answer="Call 0044 24-7697-1234."),
    Case("phone in a CSV table", "held", csv_table=(a.csv_utf8, "024 76971234")),
    # The other details of the requester
    Case("addressee line", "held", why="the addressee line",
         requester=_with(addressee="For the attention of Dorothea Vance"),
         answer="Copied to Dorothea Vance.", secrets=["Dorothea Vance"]),
    Case("salutation", "held", why="the salutation", requester=_with(salutation="Dear Mx Penhaligon"),
         answer="As Mx Penhaligon asked.", secrets=["Penhaligon"]),
    Case("the requester's own reference", "held", requester=_with(reference="RT/2026/77"),
         answer="Your reference RT/2026/77.", secrets=["RT 2026 77"]),
    # Private values
    Case("a short private value", "held", why="the value private[0]",
         private=["Jo"], answer="As Jo said, there are 12.", secrets=["as jo said"]),
    Case("a private value in capitals", "held", why="the value private[0]", private=["Thaddeus Blenkinsop"],
         answer="MR THADDEUS BLENKINSOP confirmed.", secrets=["Thaddeus Blenkinsop"]),
    Case("a private value without its accents", "held", why="the value private[0]",
         private=["José Núñez"], answer="Jose Nunez confirmed.",
         secrets=["Jose Nunez"]),
    Case("a single character cannot be protected", "failed", private=["J"]),
    Case("an ordinary word cannot be protected", "failed", private=["the"]),
    Case("a failure does not quote a row label", "failed", table=[[NAME, "1", "2"]]),
    # Attachments: every part a reader or a program sees
    Case("Word: split across runs", "held", attachment=(a.docx_runs, "summary.docx", NAME)),
    Case("Word: header", "held", attachment=(a.docx_header, "summary.docx", NAME)),
    Case("Word: properties", "held", attachment=(a.docx_property, "summary.docx", NAME)),
    Case("Word: text box", "held", attachment=(a.docx_text_box, "summary.docx", NAME)),
    Case("Word: comment by the requester", "held", attachment=(a.docx_comment_author, "summary.docx", NAME)),
    Case("PDF: words drawn as outlines", "held", why="no text that can be read",
         attachment=(a.pdf_outlines, "note.pdf", "")),
    Case("Word: external picture", "held", why="a picture fetched from outside the file",
         attachment=(a.docx_external_image, "summary.docx", "")),
    Case("Word: a part that unpacks to 60 MB", "held", why="zip bomb", attachment=(a.docx_bomb, "summary.docx", "")),
    Case("Excel: rich-text pieces", "held", attachment=(a.xlsx_rich_text, "figures.xlsx", NAME)),
    Case("Excel: sheet name", "held", attachment=(a.xlsx_sheet_name, "figures.xlsx", NAME)),
    Case("Excel: defined name", "held", attachment=(a.xlsx_defined_name, "figures.xlsx", NAME)),
    Case("Excel: a cell", "held", attachment=(a.xlsx_cell, "figures.xlsx", "024 7697 1234")),
    Case("Excel: macros", "held", why="macros", attachment=(a.xlsm_macros, "figures.xlsm", "")),
    Case("PDF: page text in compressed streams", "held", attachment=(a.pdf_page_text, "note.pdf", NAME)),
    Case("PDF: fonts without a map to letters", "held", why="ToUnicode",
         attachment=(a.pdf_without_text_map, "note.pdf", NAME)),
    Case("PDF: form field", "held", attachment=(a.pdf_form_field, "form.pdf", NAME)),
    Case("PDF: bookmark", "held", attachment=(a.pdf_bookmark, "note.pdf", NAME)),
    Case("PDF: metadata", "held", attachment=(a.pdf_metadata, "note.pdf", NAME)),
    Case("PDF: link target", "held", attachment=(a.pdf_link, "note.pdf", "mailto:rowena.threlkeld@example.org")),
    Case("PDF: embedded file", "held", why="attached file", attachment=(a.pdf_embedded_file, "note.pdf", NAME)),
    Case("PDF: JavaScript", "held", why="JavaScript", attachment=(a.pdf_javascript, "note.pdf", "")),
    Case("PDF: encrypted", "held", why="password", attachment=(a.pdf_encrypted, "note.pdf", "")),
    Case("PDF: a scan, no text", "held", why="a scan", attachment=(a.pdf_scan, "scan.pdf", NAME)),
    Case("CSV attachment in UTF-16", "held", attachment=(a.csv_utf16, "routes.csv", NAME)),
    Case("CSV attachment in Windows-1252", "held", attachment=(a.csv_cp1252, "routes.csv", "Thrélkeld")),
    Case("text that cannot be decoded", "held", why="cannot be searched",
         attachment=(a.text_undecodable, "notes.txt", "")),
    # Cases that must still be published
    Case("surname inside a longer word", "published", requester=HALL,
         answer="Hallmark cards and Whitehall papers; the Halls of residence.", secrets=["Alan Hall", "Mr Hall"],
         shown=["Hallmark", "Whitehall"]),
    Case("a surname that is an ordinary word is held until released", "held", why="also an ordinary word",
         requester=BROWN,
         answer="Sent in brown envelopes.", secrets=["Jane Brown", "Ms Brown"]),
    Case("a released occurrence", "published", requester=BROWN, answer="Sent in brown envelopes.",
         release="brown", secrets=["Jane Brown", "Ms Brown"], shown=["brown envelopes"]),
    Case("the house's own town in the address", "published",
         answer="There are 12 bus routes in Coventry, in Earlsdon too.", shown=["routes in Coventry"]),
    Case("a county line of the address", "published",
         requester=_with(address=["Quillon Cottage", "Little Snoring", "Norfolk", "NR21 0AA"]),
         answer="Routes in Norfolk.", secrets=["Quillon Cottage", "NR21 0AA"], shown=["Routes in Norfolk"]),
    Case("a short private value inside a longer word", "published", private=["Jo"], answer="Joanne and Jones.",
         shown=["Joanne and Jones"]),
    Case("the postcode's district alone", "published", answer="Routes in CV9.", shown=["Routes in CV9"]),
    Case("another phone number", "published", answer="Call 024 7697 9999.", shown=["7697 9999"]),
    Case("a clean attachment", "published", attachment=(a.xlsx_cell, "figures.xlsx", "Route A1"),
         shown=["figures.xlsx"]),
    Case("an ordinary link annotation", "published", attachment=(a.pdf_link, "note.pdf", "https://example.org/buses"),
         shown=["note.pdf"]),
]
