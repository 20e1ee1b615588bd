"""axe-core in a Playwright page: the critical and serious WCAG violations, shared by the browser tests.

axe-core is installed by ``make install`` (npm ci in tests/js); it is read
from there, never from the network, so it also runs on an offline page.
"""

from __future__ import annotations

from conftest import REPO

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"

AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


def require_axe() -> None:
    """Fail with the way to get axe-core when it is not installed."""
    import pytest

    if not AXE.exists():
        pytest.fail(f"{AXE} ontbreekt: run `make install` (npm ci in tests/js)")


def serious_violations(page) -> list[dict]:
    """Inject axe-core into ``page`` (as an inline script) and return its critical and serious violations."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_JS)
