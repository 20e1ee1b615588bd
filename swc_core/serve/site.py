"""What a served edition consists of: its workbook pages and its dashboards.

Only these notebooks are ever served, each with the role it needs: a
workbook or homework page for a participant, a dashboard for the trainer.
Any other path (another notebook, ``../``, a data file) is not part of the
site. A participant opens only their own workbook (``?participant=`` is
theirs) and their own team's homework (``?team=`` is theirs), see
:meth:`Site.permits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..content.schema import Step
from ..edition import Edition
from ..messages import text
from ..page_params import query_values
from ..settings import REPO_ROOT
from .access import Role, Visitor

NOTEBOOKS = REPO_ROOT / "notebooks"
DASHBOARD_DIR = "dashboards"
HOMEWORK = "homework.ipynb"
# Dashboards that belong to no single step; the others are named after their step.
OVERVIEW_DASHBOARDS = ("overzicht", "team")


@dataclass(frozen=True)
class Dashboard:
    id: str
    step: str | None
    title: str


@dataclass(frozen=True)
class Site:
    edition: Edition
    notebooks: Path = NOTEBOOKS

    # -- pages ---------------------------------------------------------

    def workbook_steps(self) -> list[Step]:
        """The steps with a page of the participant's own: every step with a notebook (a tussentijd too)."""
        return [
            s
            for s in self.edition.content.programme
            if (self.notebooks / f"{s.id}.ipynb").is_file()
        ]

    def homework_steps(self) -> list[Step]:
        if not (self.notebooks / HOMEWORK).is_file():
            return []
        return [s for s in self.edition.content.programme if s.team_fields]

    def dashboards(self) -> list[Dashboard]:
        steps = [s.id for s in self.edition.content.programme]
        ids = [*OVERVIEW_DASHBOARDS, *steps]
        return [
            Dashboard(d, d if d in steps else None, text(f"dashboard.titles.{d}"))
            for d in ids
            if (self.notebooks / DASHBOARD_DIR / f"{d}.ipynb").is_file()
        ]

    # -- addresses -----------------------------------------------------

    @staticmethod
    def render_path(step_id: str) -> str:
        return f"/voila/render/{step_id}.ipynb"

    @staticmethod
    def homework_path() -> str:
        return f"/voila/render/{HOMEWORK}"

    @staticmethod
    def dashboard_path(dashboard_id: str) -> str:
        return f"/voila/render/{DASHBOARD_DIR}/{dashboard_id}.ipynb"

    def notebook_of(self, step_id: str) -> str:
        """The notebook (relative path) participants use during ``step_id``: homework in a tussentijd."""
        step = self.edition.content.step(step_id)
        return HOMEWORK if step.team_fields else f"{step.id}.ipynb"

    def dashboard_of(self, step_id: str) -> str | None:
        """The dashboard (relative path) of ``step_id``, if it has one."""
        for board in self.dashboards():
            if board.step == step_id:
                return f"{DASHBOARD_DIR}/{board.id}.ipynb"
        return None

    # -- access --------------------------------------------------------

    def served_notebooks(self) -> dict[str, Role]:
        """Notebook path (relative to ``notebooks``) -> the role it needs."""
        served = {f"{s.id}.ipynb": Role.PARTICIPANT for s in self.workbook_steps()}
        if self.homework_steps():
            served[HOMEWORK] = Role.PARTICIPANT
        served.update({f"{DASHBOARD_DIR}/{d.id}.ipynb": Role.TRAINER for d in self.dashboards()})
        return served

    def role_for(self, notebook_path: str) -> Role | None:
        """The role a notebook needs, or None when it is not part of the site."""
        path = PurePosixPath(notebook_path.lstrip("/"))
        if ".." in path.parts or "\\" in notebook_path:
            return None
        return self.served_notebooks().get(str(path))

    def permits(self, visitor: Visitor, notebook_path: str, query: str) -> bool | None:
        """Whether ``visitor`` may open this page with this query string; None: not part of the site.

        The trainer opens every page. A participant opens a workbook only when
        every ``participant=`` in the query is them (and every ``team=`` their
        team), and the homework only when every ``team=`` is their team: the
        query is parsed as the page parses it (``page_params.query_values``),
        so the page cannot read anyone else.
        """
        needed = self.role_for(notebook_path)
        if needed is None:
            return None
        if visitor.role is Role.TRAINER:
            return True
        if visitor.role is not Role.PARTICIPANT or needed is not Role.PARTICIPANT:
            return False
        team = self.edition.team_of(visitor.participant or "")
        values = query_values(query)
        people, teams = values.get("participant", []), values.get("team", [])
        if any(p != visitor.participant for p in people) or any(
            team is None or t != team.id for t in teams
        ):
            return False
        is_homework = str(PurePosixPath(notebook_path.lstrip("/"))) == HOMEWORK
        return bool(teams) if is_homework else bool(people)
