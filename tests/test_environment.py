"""environment.yml installs the same packages, with the same lower bounds, as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from ruamel.yaml import YAML

from conftest import REPO

# conda-forge ships psycopg's compiled part inside `psycopg`; pip needs the extra.
_PIP_ONLY_EXTRAS = re.compile(r"\[[^\]]*\]")


def _normalise(spec: str) -> tuple[str, str]:
    spec = _PIP_ONLY_EXTRAS.sub("", spec.replace(" ", ""))
    name, _, bound = re.match(r"^([A-Za-z0-9_.\-]+)(([<>=!~]=?)(.*))?$", spec).groups()[:3]
    return re.sub(r"[-_.]+", "-", name).lower(), spec[len(name) :]


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(_normalise(s) for s in specs)


def _environment() -> dict[str, str]:
    env = YAML(typ="safe").load((REPO / "environment.yml").read_text())
    specs = [
        d
        for d in env["dependencies"]
        if isinstance(d, str) and not d.startswith(("python=", "pip"))
    ]
    return dict(_normalise(s) for s in specs)


def test_environment_yml_lists_exactly_the_pyproject_dependencies():
    assert _environment() == _pyproject()


def test_security_lower_bounds_are_pinned():
    deps = _pyproject()
    assert deps["voila"] == ">=0.5.6"
    assert deps["nbconvert"] == ">=7.17.1"
    assert deps["jupyter-server"] == ">=2.20.0"


def test_environment_yml_targets_python_311_from_conda_forge():
    env = YAML(typ="safe").load((REPO / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
