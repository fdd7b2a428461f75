"""The letters of a request's life, besides the response: what the officer writes for each.

One answer file holds the whole request. Its top-level fields (`date`, `questions` with their answers)
are the response, as they always were; `letters:` lists the other letters in the order they were sent:
acknowledgement, clarification, extension notice, refusal (vexatious or repeated), internal review
outcome, transfer. Each letter has its `kind` and `date`; a later letter reuses the request's questions
(a review answers some again with `covers` entries that name them) instead of retyping them.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from foiletters.load.fields import Date, Markdown, RegimeName, Strict, Words
from foiletters.load.items import Exemption, Item, PublicInterest

KINDS = ("acknowledgement", "clarification", "extension", "response", "refusal", "review", "transfer")
ReviewOutcome = Annotated[Literal["upheld", "overturned", "upheld-in-part", "modified", "new-decision"], Words]
AppealOutcome = Annotated[Literal["upheld", "partly-upheld", "not-upheld", "resolved-informally", "withdrawn"], Words]
Reason = Annotated[Literal["public-interest", "complex"], Words]
# The choices themselves, for those that count them (the statistics).
REVIEW_OUTCOMES: tuple[str, ...] = get_args(get_args(ReviewOutcome)[0])
APPEAL_OUTCOMES: tuple[str, ...] = get_args(get_args(AppealOutcome)[0])


class Officer(Strict):
    """Who signs a letter: printed under the closing."""

    name: str = Field(description="The signing officer's name, as printed.")
    job_title: str | None = Field(None, description="Their job title, e.g. 'Information Governance Officer'.")


class Signed(Strict):
    """What every letter may say of its own sending: who signs it, for which part of the authority, and
    "further to my letter of …". The response gives them at the top of the answer file; another letter
    gives them beside its `kind` (and takes the response's where it does not)."""

    signed_by: Officer | None = Field(None, description="The signing officer: `name` and `job_title`.")
    department: str | None = Field(None, description="The department, directorate or unit that responds.")
    further_to: Date | None = Field(None, description="'Further to my letter of <date>': an earlier letter's date.")


class LetterBase(Signed):
    date: Date = Field(description="The date of the letter, YYYY-MM-DD; it also picks the wording in force.")
    reviewed_for_publication: Date | None = Field(
        None, description="The day this letter was reviewed for the disclosure log. A letter dated after the "
        "answer file's own `reviewed_for_publication` stays out of the log until it has its own.")


class Acknowledgement(LetterBase):
    """We have your request: its reference, and the date by which we must answer (20 working days)."""

    kind: Literal["acknowledgement"]


class Clarification(LetterBase):
    """We need to know more before we can answer (FOIA s1(3) with s16, EIR reg 9(2), FOISA s1(3)).

    The clock stops when it is sent and counts 20 working days again from `answered`."""

    kind: Literal["clarification"]
    unclear: Markdown = Field(description="What in the request is unclear, in the requester's terms.")
    suggestions: Markdown | None = Field(None, description="How the requester could put it (advice and "
                                         "assistance): a narrower period, a team, the records that exist.")
    answered: Date | None = Field(None, description="When the requester's answer arrived: the 20 working days "
                                  "start again from it. Without it the request waits, and lapses after the "
                                  "house's set period.")
    answer_text: Markdown | None = Field(None, description="The requester's answer, as they wrote it.")


class ExtensionPart(Strict):
    """More time under one law: FOIA s10(3) to consider the public interest, EIR/EISR reg 7 for complexity."""

    regime: RegimeName | None = Field(None, description="The law of this part; the letter's when not given.")
    reason: Reason = Field(
        description="public-interest (FOIA s10(3) with s17(2)) or complex (EIR/EISR reg 7: complex and voluminous).")
    until: Date = Field(description="The estimated date by which the response will be sent.")
    exemptions: list[Exemption] = Field(
        default_factory=list, description="The exemptions being considered (FOIA s17(2)): each by `cite`, "
        "with `because` where why it applies is not apparent. No public interest test yet.")
    because: Markdown | None = Field(None, description="Why more time is needed.")


class ExtensionNotice(LetterBase):
    """We need more time: one part, or `parts` for a letter under two laws (a FOIA and an EIR part)."""

    kind: Literal["extension"]
    reason: Reason | None = None
    until: Date | None = None
    exemptions: list[Exemption] = Field(default_factory=list)
    because: Markdown | None = None
    parts: list[ExtensionPart] = Field(default_factory=list, description="One entry per law, for a letter "
                                       "that extends under more than one.")

    @model_validator(mode="after")
    def _one_form(self) -> ExtensionNotice:
        single = self.reason is not None or self.until is not None or self.exemptions or self.because
        if self.parts and single:
            raise PydanticCustomError("extension_shape", "give either `reason` and `until` or `parts`, not both")
        if not self.parts and (self.reason is None or self.until is None):
            raise PydanticCustomError("extension_shape", "an extension needs `reason` (public-interest or "
                                      "complex) and `until` (the estimated date), or `parts`")
        return self

    def all_parts(self, regime: str) -> list[ExtensionPart]:
        """The extension's parts; the single form as one part under the letter's regime."""
        if self.parts:
            return [p if p.regime else p.model_copy(update={"regime": regime}) for p in self.parts]
        assert self.reason is not None and self.until is not None
        return [ExtensionPart(regime=regime, reason=self.reason, until=self.until, exemptions=self.exemptions,
                              because=self.because)]


class Refusal(LetterBase):
    """A refusal of the whole request as vexatious or repeated: FOIA s14 (notice s17(5), s17(6)), EIR reg
    12(4)(b) with its public interest test, FOISA s14."""

    kind: Literal["refusal"]
    cite: str = Field(description="s14(1) (vexatious), s14(2) (repeated), reg 12(4)(b) (manifestly "
                      "unreasonable), or the FOISA s14 subsection.")
    because: Markdown = Field(description="Why the request is vexatious, repeated or manifestly unreasonable.")
    public_interest: PublicInterest | None = Field(None, description="EIR/EISR only: the public interest test.")
    previous_notice: Date | None = Field(None, description="The date of the earlier notice that refused a "
                                         "previous request on the same ground (FOIA s17(6)).")
    advice: Markdown | None = Field(None, description="Advice and assistance (FOIA s16): what a request could ask.")


class ReviewRequest(Strict):
    received: Date = Field(description="When the request for an internal review arrived.")
    text: Markdown | None = Field(None, description="The requester's words asking for the review.")


class Review(LetterBase):
    """The outcome of an internal review (FOIA: the s45 Code; EIR reg 11; FOISA s20-s21; EISR reg 16)."""

    kind: Literal["review"]
    reference: str | None = Field(None, description="The review's own reference, beside the request's.")
    requested: ReviewRequest = Field(description="The review request: `received` and the requester's `text`.")
    outcome: ReviewOutcome = Field(description="upheld, overturned, upheld-in-part, modified (upheld with "
                                   "modifications) or new-decision (a decision reached where none had been, "
                                   "FOISA s21(4)(c)).")
    original_summary: Markdown | None = Field(None, description="The original response in brief; the letter "
                                              "gives its date.")
    findings: Markdown = Field(description="What the reviewer considered and concluded.")
    answers: list[Item] = Field(default_factory=list, description="What is now released or withheld: "
                                "entries with `covers` naming the request's questions, and their new answers.")
    reviewer: Officer | None = Field(None, description="Who carried out the review, when not the signatory.")


class OtherAuthority(Strict):
    name: str
    address: list[str] = Field(default_factory=list)
    email: str | None = None
    website: str | None = None


class Transfer(LetterBase):
    """Another authority holds the information: we transferred the request (with consent) or say whom to ask
    (the s45 Code; EIR reg 10; the Scottish equivalents)."""

    kind: Literal["transfer"]
    to: OtherAuthority = Field(description="The authority that holds the information: `name`, `address`, "
                               "`email`, `website`.")
    transferred: bool = Field(False, description="yes when the request was transferred to it.")
    consent: Date | None = Field(None, description="When the requester agreed to the transfer.")
    because: Markdown | None = Field(None, description="Why we think it holds the information.")
    questions: str | None = Field(None, description="Which questions it concerns ('3 to 6'); all when not given.")


Letter = Annotated[Acknowledgement | Clarification | ExtensionNotice | Refusal | Review | Transfer,
                   Field(discriminator="kind")]


class Appeal(Strict):
    """A complaint to the regulator (ICO, Scottish Information Commissioner) or an appeal beyond it."""

    to: Annotated[Literal["regulator", "tribunal", "court"], Words] = "regulator"
    lodged: Date = Field(description="When the regulator told us of the complaint.")
    reference: str | None = Field(None, description="The regulator's case or decision notice reference.")
    decided: Date | None = None
    outcome: AppealOutcome | None = None


class Closed(Strict):
    """A request closed without a response: withdrawn by the requester, or lapsed (clarification unanswered)."""

    date: Date
    reason: Annotated[Literal["withdrawn", "lapsed"], Words]

