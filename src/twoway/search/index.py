"""Keeping the search documents in step with profiles and jobs (called by the services)."""

from __future__ import annotations

from twoway.accounts.models import FreelancerProfile
from twoway.jobs.models import Job
from twoway.search import backend


def freelancer_index(profile: FreelancerProfile) -> None:
    backend.index(
        "freelancer",
        profile.user_id,
        title=profile.title,
        body=profile.overview,
        skills=[skill.name for skill in profile.skills.all()],
        tier=backend.tier_of(profile.sort_ranking),
    )


def job_index(job: Job) -> None:
    backend.index(
        "job",
        job.pk,
        title=job.title,
        body=job.description,
        skills=[skill.name for skill in job.skills.all()],
    )


def reindex_all() -> tuple[int, int]:
    """Rebuild every search document (after a restore or an upgrade)."""
    freelancers = 0
    for profile in FreelancerProfile.objects.prefetch_related("skills").iterator(chunk_size=2000):
        freelancer_index(profile)
        freelancers += 1
    jobs = 0
    for job in Job.objects.prefetch_related("skills").iterator(chunk_size=2000):
        job_index(job)
        jobs += 1
    return freelancers, jobs
