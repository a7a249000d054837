"""Eight planners save one indicator at the same moment, each from the version they opened."""

from tests.concurrency.browser import no_server_error, simultaneously

CONFLICT = "Någon annan sparade det här medan du redigerade"


def test_one_of_eight_simultaneous_edits_of_an_indicator_is_saved_and_the_rest_are_told(
    server, draft_indicators
):
    edit = draft_indicators[0] + "andra/"
    planners = [server.browser("planerare") for _ in range(8)]
    forms = [planner.form(edit, "version") for planner in planners]
    names = [f"{form.fields['name']} (ändrad av {n})" for n, form in enumerate(forms)]

    answers = simultaneously(
        *(
            lambda planner=planner, form=form, name=name: planner.post(
                edit, {**form.fields, "name": name}
            )
            for planner, form, name in zip(planners, forms, names, strict=True)
        )
    )

    no_server_error(answers)
    assert sorted(a.status for a in answers) == [200] * 7 + [302]
    winner = next(n for n, a in enumerate(answers) if a.status == 302)
    assert all(CONFLICT in a.text for a in answers if a.status == 200)
    now = server.browser("planerare").form(edit, "version").fields
    assert now["name"] == names[winner]
    assert int(now["version"]) == int(forms[0].fields["version"]) + 1
