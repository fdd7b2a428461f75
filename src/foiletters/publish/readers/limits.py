"""How much of an attachment is read, at most: beyond these the file is not read and not published.

The bounds are checked before a part is parsed (a zip's declared sizes, its number of parts, each
part's compression ratio), and reading stops at them whatever the headers claim: a zip reader reads
a part no further than its declared size, a text file is read up to the bound and one byte more.
"""

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024  # the file itself
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an Office file that unpacks to more is refused (zip bombs)
MAX_PART_BYTES = 10 * 1024 * 1024  # one XML part: openpyxl takes some 50 times a sheet's size to open it
MAX_RATIO = 200  # a part that unpacks to more than this many times its packed size (and beyond 1 MB)
MAX_PARTS = 10_000  # parts in one package
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PDF_OBJECTS = 500_000  # objects visited while looking for active content
MAX_PDF_PAGES = 5_000
MAX_PDF_TEXT = 50 * 1024 * 1024  # characters of text read out of a PDF by pdftotext
PDFTOTEXT_SECONDS = 60
MAX_TEXT_BYTES = 50 * 1024 * 1024  # a CSV or text attachment
