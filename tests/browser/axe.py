"""Accessibility checks with axe-core (bundled by axe-playwright-python: no network needed)."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Axe.run sends these as axe.run's options; they replace its default ({"resultTypes": [...]}).
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def violations(page) -> list[dict]:
    """The WCAG 2.1 A and AA violations axe finds on the page as it is now."""
    return _axe.run(page, options=OPTIONS).response["violations"]


def describe(found: list[dict]) -> str:
    """Each violation's id, impact and help text, then its offending nodes, one to a line."""
    lines = []
    for violation in found:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"  - {target}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable list if axe finds WCAG 2.1 A or AA violations on the page."""
    found = violations(page)
    assert not found, f"{len(found)} accessibility violation(s) on {page.url}:\n{describe(found)}"
