"""Executing one notebook with papermill, and not trusting its word for it.

A dead kernel or a timeout can leave cells marked "completed", so after the
run every code cell is checked: it must have been executed and must hold no
error output. The result is written to a temporary file and renamed into
place only when it is good; a failed or interrupted run leaves nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .. import __version__
from ..atomic import atomic_path
from .jobs import Job

KERNEL = "swc"


@dataclass(frozen=True)
class Failure:
    cell: int | None  # index of the failing code cell (0-based, parameters cell included)
    error: str

    def describe(self) -> str:
        return f"cel {self.cell + 1}: {self.error}" if self.cell is not None else self.error


@dataclass(frozen=True)
class JobResult:
    job: Job
    ok: bool
    skipped: bool = False
    failure: Failure | None = None
    seconds: float = 0.0


def fingerprint(job: Job, store_token: int) -> str:
    """Changes when the template, the parameters, the subject's answers or this software change."""
    h = hashlib.sha256()
    h.update(job.template.read_bytes())
    h.update(json.dumps(job.parameters, sort_keys=True).encode())
    h.update(f"{store_token}|{__version__}".encode())
    return h.hexdigest()[:32]


def existing_fingerprint(path: Path) -> str | None:
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - missing or unreadable output is simply regenerated
        return None
    return nb.metadata.get("swc", {}).get("fingerprint")


def find_failure(nb: nbformat.NotebookNode) -> Failure | None:
    """The first code cell that did not run, or that holds an error output."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return Failure(i, f"{out.get('ename', 'Error')}: {out.get('evalue', '')}".strip())
        if cell.get("execution_count") is None and cell.source.strip():
            return Failure(i, "niet uitgevoerd (kernel gestopt of tijdslimiet bereikt)")
    return None


def _run_fresh(job: Job, tmp: Path, timeout: float) -> nbformat.NotebookNode:
    """papermill with a kernel of its own (the plain way; slower)."""
    import papermill as pm

    try:
        pm.execute_notebook(
            str(job.template),
            str(tmp),
            parameters=job.parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            cwd=str(job.template.parent),
        )
    except pm.PapermillExecutionError:
        pass  # the error output is in the notebook; find_failure reports it
    return nbformat.read(tmp, as_version=4)


def _run_warm(job: Job, timeout: float) -> nbformat.NotebookNode:
    """papermill's parameter injection, executed in this worker's reused kernel."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from .warm import worker_kernel

    nb = parameterize_notebook(
        load_notebook_node(str(job.template)), job.parameters, kernel_name=KERNEL
    )
    return worker_kernel(KERNEL, job.template.parent).execute(nb, timeout)


def execute_job(job: Job, fp: str, timeout: float, reuse_kernel: bool = True) -> JobResult:
    """Run one job; write its output only if every cell ran without error."""
    import time

    start = time.monotonic()
    with atomic_path(job.output) as tmp:
        try:
            nb = _run_warm(job, timeout) if reuse_kernel else _run_fresh(job, tmp, timeout)
        except Exception as exc:  # noqa: BLE001 - any failure of this one notebook is reported, not raised
            failure = Failure(None, f"{type(exc).__name__}: {exc}")
            raise _Failed(
                JobResult(job, False, failure=failure, seconds=time.monotonic() - start)
            ) from None
        failure = find_failure(nb)
        if failure is not None:
            raise _Failed(JobResult(job, False, failure=failure, seconds=time.monotonic() - start))
        nb.metadata["swc"] = {
            "fingerprint": fp,
            "kind": job.kind,
            "step": job.step,
            "team": job.team,
            "participant": job.participant,
            "version": __version__,
        }
        nbformat.write(nb, tmp)
    return JobResult(job, True, seconds=time.monotonic() - start)


class _Failed(Exception):
    """Carries a failed result out of the atomic block, so the temporary file is removed."""

    def __init__(self, result: JobResult):
        super().__init__(result.failure.describe() if result.failure else "mislukt")
        self.result = result


def run_job(job: Job, fp: str, timeout: float, reuse_kernel: bool = True) -> JobResult:
    try:
        return execute_job(job, fp, timeout, reuse_kernel)
    except _Failed as failed:
        return failed.result
