"""What a goal's assessment rests on, and the verdict it suggests (DOMAIN.md 3).

Each piece of evidence scores: an indicator met 1, partly met ½, not met 0; an activity that
is completed, or ongoing or not yet started and not past its end, 1; one that is delayed,
cancelled or past its end 0; a board goal under an area goal as its verdict. Nothing not
assessed counts. The goal's score is the mean; the thresholds are settings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from styr.followup.choices import ActivityStatus, Assessment

VERDICT_SCORE = {
    Assessment.MET: Decimal(1),
    Assessment.PARTLY_MET: Decimal("0.5"),
    Assessment.NOT_MET: Decimal(0),
}
ON_TRACK = {ActivityStatus.COMPLETED, ActivityStatus.ONGOING, ActivityStatus.NOT_STARTED}


@dataclass
class Evidence:
    indicators: Counter = field(default_factory=Counter)
    activities: Counter = field(default_factory=Counter)
    goals: Counter = field(default_factory=Counter)
    scores: list[Decimal] = field(default_factory=list)

    def add_indicator(self, assessment: str) -> None:
        self.indicators[assessment] += 1
        if assessment in VERDICT_SCORE:
            self.scores.append(VERDICT_SCORE[assessment])

    def add_activity(self, status: str, overdue: bool) -> None:
        self.activities[status or "unreported"] += 1
        if status:
            self.scores.append(Decimal(status in ON_TRACK and not overdue))

    def add_goal(self, assessment: str) -> None:
        self.goals[assessment] += 1
        if assessment in VERDICT_SCORE:
            self.scores.append(VERDICT_SCORE[assessment])

    @property
    def score(self) -> Decimal | None:
        """Return the share of the evidence that is on track, in per cent."""
        if not self.scores:
            return None
        return (sum(self.scores) / len(self.scores) * 100).quantize(Decimal(1))

    @property
    def suggestion(self) -> Assessment:
        score = self.score
        if score is None:
            return Assessment.NOT_ASSESSED
        if score >= settings.STYR_GOAL_MET_SCORE:
            return Assessment.MET
        if score >= settings.STYR_GOAL_PARTLY_SCORE:
            return Assessment.PARTLY_MET
        return Assessment.NOT_MET
