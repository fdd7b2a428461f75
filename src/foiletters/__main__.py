"""`python -m foiletters` and the `foiletters` command."""

import sys


def entry_point() -> None:
    # A build's PDF process starts first, before click and the pipeline are imported (pdf_process imports
    # neither), so that WeasyPrint loads in it while this process parses the command line and builds.
    from foiletters.write import pdf_process

    pdf_process.start_early(sys.argv[1:])
    try:
        from foiletters.cli import entry_point as run

        run()
    finally:
        pdf_process.stop_early()  # if no build took it


if __name__ == "__main__":
    entry_point()
