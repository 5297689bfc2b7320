"""Accessibility checks in the browser: axe-core's rules, and keyboard use of forms."""

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
#: Violations of these impacts fail a test (WCAG 2.x A and AA rules, and best practices).
FAILING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is and return its serious and critical violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}" for v in violations)


def tab_stops(page: Page, limit: int = 80) -> list[str]:
    """Press Tab from the top of the page and return, in order, what receives the focus."""
    page.locator("body").focus()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e || e === document.body) return "";
              const name = e.labels && e.labels.length ? e.labels[0].innerText
                : (e.getAttribute("aria-label") || e.innerText || e.value || e.name || "");
              return `${e.tagName.toLowerCase()}[${e.type || ""}] ${name.trim().split("\\n")[0]}`;
            }"""
        )
        if stops and stop == stops[0]:
            break  # back to the start
        stops.append(stop)
    return stops
