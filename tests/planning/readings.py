"""What reading a plan document gives a user, to compare one format's reading with another's."""

from styr.planning.parsing import read_plan


def reading_of(data: bytes, name: str):
    """Return what a reading gives a user: the plan's JSON, the decision and the warnings."""
    reading = read_plan(data, name=name)
    assert reading.problems == []
    reading.document.municipality = "Stockholms stad"
    return reading.document.to_json(), reading.decision, [w.message for w in reading.warnings]
