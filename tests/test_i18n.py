"""The interface speaks Swedish first and English second; the Swedish catalogue is complete."""

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

LC_MESSAGES = Path(__file__).resolve().parent.parent / "styr/locale/sv/LC_MESSAGES"


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural and msgstr (a list)."""
    entries, entry, field = [], None, None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {
                "flags": set(),
                "msgctxt": None,
                "msgid": "",
                "msgid_plural": None,
                "msgstr": [],
            }
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field == "msgstr":
                entry["msgstr"][-1] += text
            else:
                entry[field] += text
        else:
            keyword, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                field = "msgstr"
                entry["msgstr"].append(text)
            else:
                field = keyword
                entry[field] = text
    return entries


@pytest.fixture(autouse=True)
def keep_language():
    """LocaleMiddleware leaves the request's language active; give later tests back theirs."""
    with translation.override(translation.get_language()):
        yield


@pytest.mark.django_db
def test_start_page_is_swedish_by_default(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "<h1>Planer</h1>" in html
    assert "Hoppa till huvudinnehållet" in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
def test_start_page_stays_swedish_for_a_browser_set_to_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "<h1>Planer</h1>" in html


@pytest.mark.django_db
def test_start_page_is_english_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Plans</h1>" in html
    assert "Skip to main content" in html


def test_swedish_catalogue_is_complete():
    entries = read_po(LC_MESSAGES / "django.po")
    header = [entry for entry in entries if entry["msgid"] == ""]
    messages = [entry for entry in entries if entry["msgid"] != ""]
    assert len(header) == 1
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0]["msgstr"][0]
    assert messages
    assert [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]] == []
    untranslated = [entry["msgid"] for entry in messages if not all(entry["msgstr"])]
    assert untranslated == []
    plurals = [entry for entry in messages if entry["msgid_plural"] is not None]
    assert plurals
    assert all(len(entry["msgstr"]) == 2 for entry in plurals)


def test_compiled_catalogue_matches_the_po_file():
    """The .mo file in the repository is compiled from the current .po file."""
    with (LC_MESSAGES / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in read_po(LC_MESSAGES / "django.po"):
        if not entry["msgid"]:
            continue
        if entry["msgctxt"] is not None:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"][0]
        elif entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0]
        else:
            for n, msgstr in ((1, entry["msgstr"][0]), (2, entry["msgstr"][1])):
                assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) == msgstr


@pytest.mark.django_db
def test_commands_speak_swedish_unless_english_is_chosen(styr):
    swedish = styr("send-reminders", "--date", "15/5 2013")
    assert str(swedish.error) == "--date 15/5 2013: skriv dagen som ÅÅÅÅ-MM-DD, t.ex. 2013-05-08"
    with translation.override("en"):
        english = styr("send-reminders", "--date", "15/5 2013")
    assert str(english.error) == "--date 15/5 2013: write the day as YYYY-MM-DD, e.g. 2013-05-08"
