"""The evaluation survey: how the programme reads its form (settings) and what one event's answers came to.

`SurveySettings` is written once in the programme: the questions rated on a scale, the answers
given in words and the rating each stands for, the columns of free text kept aside, and the words
the report uses for a mean above each threshold. `SurveySummary` is what `jstevents survey import`
computes from one event's export and keeps in the project (respondents, and the mean and the
distribution of each question); the report reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pydantic import Field, model_validator

from jstevents.model.values import Id, Line, Strict


class SurveyQuestion(Strict):
    """One question of the evaluation form answered with a rating."""

    id: Id = Field(description='A short name you choose for the question, e.g. "prowadzacy".')
    column: Line = Field(
        description='The column\'s heading in the export, e.g. "Jak ocenia Pan/Pani prowadzącego?". Matched '
        "ignoring small and capital letters and spaces at the ends."
    )
    label: Line = Field(
        description="What the question rates, in the nominative and starting with a small letter, as the report "
        'lists it: "prowadzący spotkanie" gives "prowadzący spotkanie: 4,8".'
    )


class RatingWord(Strict):
    """How the report words a mean rating above a threshold."""

    above: float = Field(
        description="The threshold: a mean rating above it (or equal to it) is worded by `word`, e.g. 4.5."
    )
    word: Line = Field(
        description='The word or phrase, plural, as it reads in "Oceny uzyskane w ankiecie ewaluacyjnej były …": '
        '"bardzo wysokie".'
    )


def _default_ratings() -> list[RatingWord]:
    return [
        RatingWord(above=4.5, word="bardzo wysokie"),
        RatingWord(above=3.5, word="wysokie"),
        RatingWord(above=2.5, word="przeciętne"),
        RatingWord(above=0, word="niskie"),
    ]


class SurveySettings(Strict):
    """How the evaluation form of the programme's events is read (`jstevents survey import`) and worded in the
    report."""

    scale_min: int = Field(1, description="The lowest rating of the scale, 1 by default.")
    scale_max: int = Field(5, description="The highest rating of the scale, 5 by default.")
    questions: list[SurveyQuestion] = Field(
        min_length=1, description="The questions answered with a rating, at least one."
    )
    answers: dict[str, int] = Field(
        default_factory=dict,
        description='Answers given in words and the rating each stands for, e.g. {"bardzo dobrze": 5, "dobrze": 4}. '
        "Matched ignoring small and capital letters. Optional; an answer in figures (4, or 4,0) is read as it is.",
    )
    free_text: list[Line] = Field(
        default_factory=list,
        description='The headings of the columns with free-text answers, e.g. ["Uwagi"]: kept aside, beside the '
        "summary, for the coordinator to read; never printed in the report. Optional.",
    )
    ratings: list[RatingWord] = Field(
        default_factory=_default_ratings,
        description="How the report words the mean of all ratings: the first threshold from the top that the mean "
        'reaches. Default, for a scale of 1 to 5: 4.5 "bardzo wysokie", 3.5 "wysokie", 2.5 "przeciętne", 0 '
        '"niskie".',
    )

    @model_validator(mode="after")
    def _scale_is_a_range(self) -> SurveySettings:
        if self.scale_min >= self.scale_max:
            raise ValueError(f"scale_min ({self.scale_min}) must be below scale_max ({self.scale_max})")
        for text, value in self.answers.items():
            if not self.scale_min <= value <= self.scale_max:
                raise ValueError(
                    f"the answer {text!r} stands for {value}, outside the scale {self.scale_min}–{self.scale_max}"
                )
        return self

    def word_for(self, mean: float) -> str | None:
        """The word of the highest threshold `mean` reaches; None below all of them."""
        for rating in sorted(self.ratings, key=lambda r: r.above, reverse=True):
            if mean >= rating.above:
                return rating.word
        return None


@dataclass(frozen=True)
class QuestionSummary:
    """One question's answers: how many, their mean, how many gave each rating."""

    id: str
    label: str
    answered: int
    mean: float | None
    #: Rating → how many gave it, for every rating of the scale.
    distribution: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SurveySummary:
    """What one event's evaluation survey came to."""

    event: str
    respondents: int
    scale_min: int
    scale_max: int
    questions: tuple[QuestionSummary, ...]
    #: The file the summary was computed from, as the user named it.
    source: str = ""

    @property
    def mean(self) -> float | None:
        """The mean of every rating given, over all questions."""
        total = sum(q.mean * q.answered for q in self.questions if q.mean is not None)
        count = sum(q.answered for q in self.questions if q.mean is not None)
        return total / count if count else None

    def to_json(self) -> str:
        data = {
            "event": self.event,
            "source": self.source,
            "respondents": self.respondents,
            "scale": [self.scale_min, self.scale_max],
            "questions": [
                {
                    "id": q.id,
                    "label": q.label,
                    "answered": q.answered,
                    "mean": None if q.mean is None else round(q.mean, 4),
                    "distribution": {str(k): v for k, v in sorted(q.distribution.items())},
                }
                for q in self.questions
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SurveySummary:
        """Read back what `to_json` wrote; `ValueError` when it is not that."""
        try:
            data = json.loads(text)
            low, high = data["scale"]
            return cls(
                event=str(data["event"]),
                source=str(data.get("source", "")),
                respondents=int(data["respondents"]),
                scale_min=int(low),
                scale_max=int(high),
                questions=tuple(
                    QuestionSummary(
                        id=str(q["id"]),
                        label=str(q["label"]),
                        answered=int(q["answered"]),
                        mean=None if q["mean"] is None else float(q["mean"]),
                        distribution={int(k): int(v) for k, v in q["distribution"].items()},
                    )
                    for q in data["questions"]
                ),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a survey summary: {exc}") from None
