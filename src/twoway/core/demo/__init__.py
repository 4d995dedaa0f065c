"""Realistic demo data for `twoway demo`: two years of a small marketplace, through the services.

- ``cast.py``: the people, and the stories the demo logins must have;
- ``catalogue.py``: professions, job posts and the phrases proposals are written from;
- ``plan.py``: a seeded generator that turns those into a timeline (no database);
- ``reviews.py`` and ``comments.py``: the feedback phase of that plan (who reviews whom, when
  and in what words; responses, reports and moderation) and the sentences reviews are made of;
- ``actions.py``: the service call behind each kind of event;
- ``run.py``: replays the timeline with the clock frozen at each moment, in one transaction.
"""

from twoway.core.demo.actions import DEMO_PASSWORD
from twoway.core.demo.run import LOGINS, Login, Summary, execute, is_loaded, plan_demo, summarise

__all__ = [
    "DEMO_PASSWORD",
    "LOGINS",
    "Login",
    "Summary",
    "execute",
    "is_loaded",
    "plan_demo",
    "summarise",
]
