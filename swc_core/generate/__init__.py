"""Batch generation of workbooks and team homework with papermill."""

from .execute import Failure, JobResult, find_failure
from .jobs import Job, generation_parameters, plan_jobs
from .runner import Report, generate

__all__ = [
    "Failure",
    "Job",
    "JobResult",
    "Report",
    "find_failure",
    "generate",
    "generation_parameters",
    "plan_jobs",
]
