"""Check the response's timing: due date, lateness and extensions (see check/deadlines.py for the law)."""

from __future__ import annotations

from foiletters.check.deadlines import EXTENSION_CAPS, deadline, extension_cap
from foiletters.check.rules import Checker


def check_timeliness(checker: Checker) -> None:
    answers = checker.request.answers
    regime = answers.regime
    due = deadline(answers)
    if due is None:
        checker.add("deadline-unchecked", regime, ("date",), "there is no `received` date, so the deadline "
                    "was not checked", "add `received: YYYY-MM-DD`, the day the request arrived")
        return
    if answers.extension:
        allowed = EXTENSION_CAPS.get(regime, {})
        cap = extension_cap(answers)
        if answers.extension.reason not in allowed:
            offered = " or ".join(allowed) or "no extension"
            checker.add("extension", regime, ("extension", "reason"), f"{regime} has no {answers.extension.reason} "
                        f"extension", f"{regime} allows {offered}")
        elif cap is not None and answers.extension.until > cap:
            # FOIA s10(3) allows "such time as is reasonable"; the 20 further working days are the ICO's
            # guidance, so going beyond them is a warning. EIR reg 7(1)'s 40 working days are the law's.
            guidance = regime == "FOIA"
            checker.add("extension", regime, ("extension", "until"), f"the extension runs to "
                        f"{answers.extension.until:%d %B %Y}, beyond the "
                        f"{'20 further working days the ICO expects' if guidance else 'limit'} ({cap:%d %B %Y})",
                        f"extend to {cap:%d %B %Y} at the latest" + (", or record why more time was reasonable"
                                                                    if guidance else ""),
                        severity="warning" if guidance else None)
        elif answers.extension.until < due.due:
            checker.add("extension", regime, ("extension", "until"), f"the extension ends on "
                        f"{answers.extension.until:%d %B %Y}, before the normal due date {due.due:%d %B %Y}",
                        "give the date the requester was told")
    if due.late:
        days = due.working_days_late
        # A letter dated on the weekend after a Friday deadline is late by no working day, but late.
        how_late = f"{days} working day{'s' * (days != 1)} late" if days else "dated after its due date"
        checker.add("late", regime, ("date",), f"the letter is {how_late}: it was "
                    f"due on {due.final:%d %B %Y}; the letter apologises",
                    "send it as soon as possible, and check `received` and `clarified`")
