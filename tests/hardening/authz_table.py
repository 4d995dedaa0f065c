"""Who may do what: one row per API operation and per page, one column per role.

``test_authz.py`` turns every cell into a test, and fails when an API operation or a page
exists without a row here: a new endpoint is not done until this table says who may call it.

The roles, in column order:

- ``anonymous``: nobody signed in.
- ``stranger``: Sam, signed in, holds both roles, party to none of the data below.
- ``client``: Carol, client only: she posted the jobs and is the client of every contract.
- ``freelancer``: Fred, freelancer only: he sent the proposal and is the freelancer of every
  contract.
- ``operator``: Olive, staff (``is_staff``), with the client role like any person. Operators
  *see* contracts, their payments and their feedback — sealed feedback and private parts
  included, since they moderate — but they never *act* as a party: paying, ending, leaving or
  requesting feedback, hiring, declining and responding are refused as for a stranger (404
  where the thing does not exist for a stranger). Moderation happens in the admin
  (``/admin/``), which Django guards and ``tests/feedback/test_admin.py`` covers.

The world each cell runs in (built once per module, every cell rolled back after itself); a
row's ``args`` maps its path parameters to these keys (``DEFAULT_ARGS`` when it does not):

- ``carol``, ``fred``, ``sam``, ``olive``: the people's ids.
- ``job``: Carol's open job, with Fred's pending ``proposal``; ``fresh_job``: Carol's open job
  with no proposal yet.
- ``contract``: active, $500 paid. ``ended``: ended, the feedback window open, no feedback yet.
  ``sealed``: ended, Carol's feedback given and sealed (``sealed_feedback``). ``revealed``:
  ended, both sides given, so revealed (``revealed_feedback`` is Carol's, about Fred).
- ``notification``: one of Carol's notifications. ``token``: Carol's spare API token.
- ``role_client``, ``role_freelancer``: the literal role names some paths take.

Outcomes:

- ``ok``: allowed — a 2xx, or a redirect somewhere other than the login page — and the row's
  ``done`` check (what the action changes) holds afterwards, so "allowed" means it happened.
- ``away``: a redirect that does nothing (a signed-in person sent off the sign-up page).
- ``login``: a page's redirect to the login page.
- a status code (``400``, ``401``, ``403``, ``404``, ``409``): refused with that status. A
  refusal never changes anything: ``done`` must not hold after it. Pages show a refusal the
  service reports on a form as that form with its error (``400``); the API answers ``{"code",
  "message"}``.

Lists of one's own things (``shows``) are also checked for what they list: the caller's own
contracts, proposals, tokens or notifications, and nobody else's.

Refusals follow one rule (docs/decisions.md, "Who sees what"): what a person may not even know
exists is a 404 (a contract, proposal, token, notification or sealed feedback of others); the
wrong party acting on something they can see is a 403.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "stranger", "client", "freelancer", "operator")
OUTCOMES = {"ok", "away", "login", "400", "401", "403", "404", "409"}


@dataclass
class World:
    """The data every cell runs against: people by role, and the ids of things by key."""

    people: dict[str, Any]  # role -> User (None for anonymous)
    tokens: dict[str, str]  # role -> raw API token
    ids: dict[str, Any]


Body = dict[str, Any] | Callable[[World, str], dict[str, Any]]
Done = Callable[[World, Any], bool]  # (world, the caller or None) -> did the action happen?
# (world, response) -> for each thing the response lists (contracts, proposals, tokens,
# notifications), the roles it belongs to; a list shows the caller's own things only.
Shows = Callable[[World, Any], list[set[str]]]


@dataclass(frozen=True)
class Row:
    kind: str  # "api" or "page"
    method: str
    path: str  # as routed: "/contracts/{contract_id}" (API), "/jobs/<int:job_id>/" (pages)
    expected: dict[str, str]
    args: dict[str, str] = field(default_factory=dict)
    body: Body | None = None
    query: dict[str, str] = field(default_factory=dict)
    done: Done | None = None
    case: str = ""  # tells rows for the same route apart
    shows: Shows | None = None
    mine: tuple[str, ...] = ()  # the roles that have such things in the world (non-vacuity)

    @property
    def route(self) -> tuple[str, str, str]:
        return (self.kind, self.method, self.path)

    @property
    def name(self) -> str:
        return f"{self.kind} {self.method} {self.path}" + (f" [{self.case}]" if self.case else "")


def _outcomes(text: str) -> dict[str, str]:
    cells = text.split()
    assert len(cells) == len(ROLES), text
    assert set(cells) <= OUTCOMES, text
    return dict(zip(ROLES, cells, strict=True))


def api(method: str, path: str, expected: str, **options: Any) -> Row:
    return Row("api", method, path, _outcomes(expected), **options)


def page(method: str, path: str, expected: str, **options: Any) -> Row:
    return Row("page", method, path, _outcomes(expected), **options)


DEFAULT_ARGS = {
    "user_id": "carol",
    "job_id": "job",
    "proposal_id": "proposal",
    "contract_id": "contract",
    "feedback_id": "revealed_feedback",
    "notification_id": "notification",
    "token_id": "token",
    "role": "role_freelancer",
}

# --- What the actions change (the "done" checks) -----------------------------------------------


def _models() -> Any:
    from twoway.accounts import models as accounts
    from twoway.contracts import models as contracts
    from twoway.feedback import models as feedback
    from twoway.jobs import models as jobs
    from twoway.notifications import models as notifications

    class M:
        User = accounts.User
        ApiToken = accounts.ApiToken
        ClientProfile = accounts.ClientProfile
        FreelancerProfile = accounts.FreelancerProfile
        Contract = contracts.Contract
        Payment = contracts.Payment
        Feedback = feedback.Feedback
        FeedbackResponse = feedback.FeedbackResponse
        Report = feedback.Report
        Job = jobs.Job
        Proposal = jobs.Proposal
        Notification = notifications.Notification

    return M


def signed_up(username: str) -> Done:
    return lambda w, user: _models().User.objects.filter(username=username).exists()


def token_named(name: str) -> Done:
    return lambda w, user: _models().ApiToken.objects.filter(user=user, name=name).exists()


def token_revoked(w: World, user: Any) -> bool:
    return _models().ApiToken.objects.filter(pk=w.ids["token"], revoked_at__isnull=False).exists()


def company_is(name: str) -> Done:
    return lambda w, user: _models().ClientProfile.objects.filter(user=user, company=name).exists()


def freelancer_title_is(title: str) -> Done:
    return lambda w, user: (
        _models().FreelancerProfile.objects.filter(user=user, title=title).exists()
    )


def deactivated(w: World, user: Any) -> bool:
    return user is not None and not _models().User.objects.get(pk=user.pk).is_active


def job_posted(title: str) -> Done:
    return lambda w, user: _models().Job.objects.filter(client=user, title=title).exists()


def job_closed(w: World, user: Any) -> bool:
    return _models().Job.objects.filter(pk=w.ids["job"], status="closed").exists()


def proposed(w: World, user: Any) -> bool:
    return _models().Proposal.objects.filter(job_id=w.ids["fresh_job"], freelancer=user).exists()


def proposal_is(status: str) -> Done:
    return lambda w, user: (
        _models().Proposal.objects.filter(pk=w.ids["proposal"], status=status).exists()
    )


def paid(w: World, user: Any) -> bool:
    return _models().Payment.objects.filter(contract_id=w.ids["contract"]).count() > 1


def ended(w: World, user: Any) -> bool:
    return _models().Contract.objects.filter(pk=w.ids["contract"], status="ended").exists()


def feedback_given(w: World, user: Any) -> bool:
    return _models().Feedback.objects.filter(contract_id=w.ids["ended"], author=user).exists()


def feedback_edited(w: World, user: Any) -> bool:
    return _models().Feedback.objects.filter(pk=w.ids["sealed_feedback"], comment=EDITED).exists()


def feedback_requested(w: World, user: Any) -> bool:
    return (
        _models()
        .Notification.objects.filter(
            contract_id=w.ids["ended"], kind="feedback_requested", actor=user
        )
        .exists()
    )


def responded(w: World, user: Any) -> bool:
    return (
        _models().FeedbackResponse.objects.filter(feedback_id=w.ids["revealed_feedback"]).exists()
    )


def reported(w: World, user: Any) -> bool:
    return (
        _models()
        .Report.objects.filter(feedback_id=w.ids["revealed_feedback"], reporter=user)
        .exists()
    )


def notification_read(w: World, user: Any) -> bool:
    return (
        _models()
        .Notification.objects.filter(pk=w.ids["notification"], read_at__isnull=False)
        .exists()
    )


def all_read(w: World, user: Any) -> bool:
    return (
        user is not None
        and not _models().Notification.objects.filter(user=user, read_at__isnull=True).exists()
    )


def hired(w: World, user: Any) -> bool:
    return _models().Contract.objects.filter(proposal_id=w.ids["proposal"]).exists()


# --- What lists show (the "shows" checks) -----------------------------------------------------
# Each returns, for every item the response lists, the roles it belongs to (both parties, for
# a contract); a role outside the world's cast reads "someone else".


def _roles(w: World, user_ids: Any) -> set[str]:
    roles = {person.pk: role for role, person in w.people.items() if person is not None}
    return {roles.get(pk, "someone else") for pk in user_ids}


def _html_ids(response: Any, pattern: str) -> set[int]:
    return {int(pk) for pk in re.findall(pattern, response.content.decode())}


def _owners(w: World, model: Any, ids: Any, *fields: str) -> list[set[str]]:
    rows = model.objects.filter(pk__in=ids).values_list(*fields)
    return [_roles(w, row) for row in rows]


def contract_items(w: World, response: Any) -> list[set[str]]:
    items = response.json()["items"]
    return [_roles(w, (i["client"]["id"], i["freelancer"]["id"])) for i in items]


def proposal_items(w: World, response: Any) -> list[set[str]]:
    return [_roles(w, [item["freelancer"]["id"]]) for item in response.json()["items"]]


def notification_items(w: World, response: Any) -> list[set[str]]:
    ids = [item["id"] for item in response.json()["items"]]
    return _owners(w, _models().Notification, ids, "user_id")


def token_items(w: World, response: Any) -> list[set[str]]:
    return _owners(w, _models().ApiToken, [item["id"] for item in response.json()], "user_id")


def contract_links(w: World, response: Any) -> list[set[str]]:
    ids = _html_ids(response, r"/contracts/(\d+)/")
    return _owners(w, _models().Contract, ids, "client_id", "freelancer_id")


def notification_forms(w: World, response: Any) -> list[set[str]]:
    ids = _html_ids(response, r"/notifications/(\d+)/open/")
    return _owners(w, _models().Notification, ids, "user_id")


def token_forms(w: World, response: Any) -> list[set[str]]:
    ids = _html_ids(response, r"/settings/tokens/(\d+)/revoke/")
    return _owners(w, _models().ApiToken, ids, "user_id")


def job_links(w: World, response: Any) -> list[set[str]]:
    return _owners(w, _models().Job, _html_ids(response, r"/jobs/(\d+)/"), "client_id")


def proposed_job_links(w: World, response: Any) -> list[set[str]]:
    ids = _html_ids(response, r"/jobs/(\d+)/")
    proposals = _models().Proposal.objects.filter(job_id__in=ids)
    by_job: dict[int, set[int]] = {}
    for job_id, freelancer_id in proposals.values_list("job_id", "freelancer_id"):
        by_job.setdefault(job_id, set()).add(freelancer_id)
    return [_roles(w, by_job.get(pk, set())) for pk in ids]


PARTIES = ("client", "freelancer")
SIGNED_IN = ("stranger", "client", "freelancer", "operator")

# --- Bodies ------------------------------------------------------------------------------------

PASSWORD = "a-long-test-password-42"  # tests.conftest.PASSWORD
EDITED = "Edited while sealed: still very happy."
CLIENT_STARS = {
    "skills": 5,
    "quality": 4,
    "availability": 5,
    "adherence_to_schedule": 4,
    "communication": 5,
    "cooperation": 5,
}
FREELANCER_STARS = {
    "clarity_of_requirements": 5,
    "communication": 4,
    "cooperation": 5,
    "availability": 4,
    "reasonable_deadlines": 5,
    "payment_promptness": 5,
}
JOB: dict[str, Any] = {
    "title": "Proofread a technical report",
    "description": "Twenty pages of a technical report to proofread before Friday.",
    "skills": ["Editing"],
    "budget_type": "fixed",
    "budget_cents": 20_000,
}
PROPOSAL = {"cover_letter": "I proofread technical reports for a living.", "bid_cents": 15_000}


def feedback_json(w: World, role: str) -> dict[str, Any]:
    stars = FREELANCER_STARS if role == "freelancer" else CLIENT_STARS
    return {
        "ratings": stars,
        "comment": "Good to work with.",
        "private": {"reason": "completed", "would_work_again": 9, "note": "All fine."},
    }


def feedback_form(w: World, role: str) -> dict[str, Any]:
    stars = FREELANCER_STARS if role == "freelancer" else CLIENT_STARS
    return {
        **{name: str(value) for name, value in stars.items()},
        "comment": "Good to work with.",
        "private_reason": "completed",
        "would_work_again": "9",
        "private_note": "All fine.",
    }


def signup_json(w: World, role: str) -> dict[str, Any]:
    return {
        "username": f"new_{role}",
        "password": "another-long-password-7",
        "email": f"new_{role}@example.com",
        "roles": ["client"],
    }


def signup_form(w: World, role: str) -> dict[str, Any]:
    return {
        "username": "new_person",
        "email": "new_person@example.com",
        "password": "another-long-password-7",
        "roles": ["client", "freelancer"],
    }


# --- The table ---------------------------------------------------------------------------------
# Columns:                                      anonymous stranger client freelancer operator

API_ROWS = [
    # People and accounts
    api(
        "POST",
        "/auth/signup",
        "ok ok ok ok ok",
        body=signup_json,
        done=lambda w, user: _models().User.objects.filter(username__startswith="new_").exists(),
    ),
    api(
        "POST",
        "/auth/token",
        "ok ok ok ok ok",
        body={"username": "carol_authz", "password": PASSWORD, "name": "laptop"},
        done=lambda w, user: _models().ApiToken.objects.filter(name="laptop").exists(),
    ),
    api("GET", "/me", "401 ok ok ok ok"),
    api(
        "PUT",
        "/me/freelancer-profile",
        "401 ok ok ok ok",
        body={"title": "Technical editor", "hourly_rate_cents": 5_000},
        done=freelancer_title_is("Technical editor"),
    ),
    api(
        "PUT",
        "/me/client-profile",
        "401 ok ok ok ok",
        body={"company": "Acme Editing"},
        done=company_is("Acme Editing"),
    ),
    api("POST", "/me/deactivate", "401 ok ok ok ok", body={"password": PASSWORD}, done=deactivated),
    api("GET", "/me/tokens", "401 ok ok ok ok", shows=token_items, mine=SIGNED_IN),
    api("DELETE", "/me/tokens/{token_id}", "401 404 ok 404 404", done=token_revoked),
    api("GET", "/users/{user_id}", "ok ok ok ok ok"),
    # Jobs and proposals
    api("POST", "/jobs", "401 ok ok 403 ok", body=JOB, done=job_posted(JOB["title"])),
    api("GET", "/jobs", "ok ok ok ok ok"),
    api("GET", "/jobs/{job_id}", "ok ok ok ok ok"),
    api("POST", "/jobs/{job_id}/close", "401 403 ok 403 403", done=job_closed),
    api(
        "POST",
        "/jobs/{job_id}/proposals",
        "401 ok 403 ok 403",
        args={"job_id": "fresh_job"},
        body=PROPOSAL,
        done=proposed,
    ),
    api("GET", "/jobs/{job_id}/proposals", "401 403 ok 403 403"),
    api("GET", "/proposals", "401 ok ok ok ok", shows=proposal_items, mine=("freelancer",)),
    api("GET", "/proposals/{proposal_id}", "401 404 ok ok 404"),
    api(
        "POST",
        "/proposals/{proposal_id}/decline",
        "401 404 ok 403 404",
        done=proposal_is("declined"),
    ),
    api(
        "POST",
        "/proposals/{proposal_id}/withdraw",
        "401 404 403 ok 404",
        done=proposal_is("withdrawn"),
    ),
    api("POST", "/proposals/{proposal_id}/hire", "401 404 ok 403 404", done=hired),
    # Contracts: parties and operators see them; only parties act on them.
    api("GET", "/contracts", "401 ok ok ok ok", shows=contract_items, mine=PARTIES),
    api("GET", "/contracts/{contract_id}", "401 404 ok ok ok"),
    api("GET", "/contracts/{contract_id}/payments", "401 404 ok ok ok"),
    api(
        "POST",
        "/contracts/{contract_id}/payments",
        "401 404 ok 403 404",
        body={"amount_cents": 5_000, "memo": "Milestone 2"},
        done=paid,
    ),
    api(
        "POST",
        "/contracts/{contract_id}/end",
        "401 404 ok ok 404",
        body={"reason": "completed"},
        done=ended,
    ),
    # Feedback
    api(
        "GET",
        "/contracts/{contract_id}/feedback",
        "401 404 ok ok ok",
        args={"contract_id": "sealed"},
    ),
    api(
        "POST",
        "/contracts/{contract_id}/feedback",
        "401 404 ok ok 404",
        args={"contract_id": "ended"},
        body=feedback_json,
        done=feedback_given,
    ),
    api(
        "PATCH",
        "/contracts/{contract_id}/feedback",
        "401 404 ok 404 404",
        args={"contract_id": "sealed"},
        body={"comment": EDITED},
        done=feedback_edited,
        case="only its author edits a sealed feedback",
    ),
    api(
        "PATCH",
        "/contracts/{contract_id}/feedback",
        "401 404 409 409 404",
        args={"contract_id": "revealed"},
        body={"comment": EDITED},
        done=lambda w, user: _models().Feedback.objects.filter(comment=EDITED).exists(),
        case="revealed: editing has ended, for both authors",
    ),
    api(
        "POST",
        "/contracts/{contract_id}/feedback/request",
        "401 404 ok ok 404",
        args={"contract_id": "ended"},
        done=feedback_requested,
    ),
    api("GET", "/feedback/{feedback_id}", "ok ok ok ok ok", case="revealed"),
    api(
        "GET",
        "/feedback/{feedback_id}",
        "404 404 ok ok ok",
        args={"feedback_id": "sealed_feedback"},
        case="sealed: its author, the person rated (a placeholder) and operators",
    ),
    api(
        "POST",
        "/feedback/{feedback_id}/response",
        "401 403 403 ok 403",
        body={"text": "Thank you, Carol."},
        done=responded,
        case="revealed: only the person rated responds",
    ),
    api(
        "POST",
        "/feedback/{feedback_id}/response",
        "401 404 403 409 404",
        args={"feedback_id": "sealed_feedback"},
        body={"text": "Thank you, Carol."},
        done=responded,
        case="sealed: exists only for its author and the person rated",
    ),
    api(
        "POST",
        "/feedback/{feedback_id}/reports",
        "401 ok ok ok ok",
        body={"reason": "irrelevant", "details": "Not about the work."},
        done=reported,
        case="revealed",
    ),
    api(
        "POST",
        "/feedback/{feedback_id}/reports",
        "401 404 404 404 404",
        args={"feedback_id": "sealed_feedback"},
        body={"reason": "irrelevant"},
        case="sealed: nothing to report yet",
    ),
    api("GET", "/users/{user_id}/feedback", "ok ok ok ok ok", query={"role": "freelancer"}),
    # Notifications: one's own only.
    api(
        "GET",
        "/notifications",
        "401 ok ok ok ok",
        query={"limit": "100"},
        shows=notification_items,
        mine=PARTIES,
    ),
    api(
        "POST",
        "/notifications/{notification_id}/read",
        "401 404 ok 404 404",
        done=notification_read,
    ),
    api("POST", "/notifications/read-all", "401 ok ok ok ok", done=all_read),
    # Reputation and search: public.
    api("GET", "/users/{user_id}/reputation", "ok ok ok ok ok", query={"role": "client"}),
    api("GET", "/users/{user_id}/reputation/history", "ok ok ok ok ok", query={"role": "client"}),
    api("GET", "/users/{user_id}/reputation/explain", "ok ok ok ok ok", query={"role": "client"}),
    api("GET", "/freelancers", "ok ok ok ok ok"),
]

# Columns:                                           anonymous stranger client freelancer operator

PAGE_ROWS = [
    # Accounts
    page("GET", "/signup/", "ok away away away away"),
    page(
        "POST",
        "/signup/",
        "ok away away away away",
        body=signup_form,
        done=signed_up("new_person"),
    ),
    page("GET", "/login/", "ok away away away away"),
    page(
        "POST",
        "/login/",
        "ok away away away away",
        body={"username": "carol_authz", "password": PASSWORD},
    ),
    page("POST", "/logout/", "ok ok ok ok ok"),
    page("GET", "/settings/", "login ok ok ok ok"),
    page(
        "POST",
        "/settings/",
        "login ok ok ok ok",
        body={"section": "client", "company": "Acme Editing"},
        done=company_is("Acme Editing"),
    ),
    page("GET", "/settings/tokens/", "login ok ok ok ok", shows=token_forms, mine=SIGNED_IN),
    page(
        "POST",
        "/settings/tokens/",
        "login ok ok ok ok",
        body={"name": "laptop"},
        done=token_named("laptop"),
    ),
    page(
        "POST",
        "/settings/tokens/<int:token_id>/revoke/",
        "login 404 ok 404 404",
        done=token_revoked,
    ),
    page("GET", "/users/<int:user_id>/", "ok ok ok ok ok"),
    page("GET", "/freelancers/", "ok ok ok ok ok"),
    # Jobs and proposals
    page("GET", "/", "ok ok ok ok ok"),
    page("GET", "/jobs/new/", "login ok ok ok ok"),
    page(
        "POST",
        "/jobs/new/",
        "login ok ok 400 ok",
        body={**JOB, "skills": "Editing", "budget_cents": "200"},
        done=job_posted(JOB["title"]),
    ),
    page("GET", "/jobs/<int:job_id>/", "ok ok ok ok ok"),
    page("POST", "/jobs/<int:job_id>/close/", "login 403 ok 403 403", done=job_closed),
    page(
        "POST",
        "/jobs/<int:job_id>/proposals/",
        "login ok 400 ok 400",
        args={"job_id": "fresh_job"},
        body={**PROPOSAL, "bid_cents": "150"},
        done=proposed,
    ),
    page(
        "POST",
        "/proposals/<int:proposal_id>/decline/",
        "login 404 ok 403 404",
        done=proposal_is("declined"),
    ),
    page(
        "POST",
        "/proposals/<int:proposal_id>/withdraw/",
        "login 404 403 ok 404",
        done=proposal_is("withdrawn"),
    ),
    page("GET", "/my/jobs/", "login ok ok ok ok", shows=job_links, mine=("client",)),
    page(
        "GET", "/my/proposals/", "login ok ok ok ok", shows=proposed_job_links, mine=("freelancer",)
    ),
    # Contracts
    page("POST", "/proposals/<int:proposal_id>/hire/", "login 404 ok 403 404", done=hired),
    page("GET", "/contracts/", "login ok ok ok ok", shows=contract_links, mine=PARTIES),
    page("GET", "/contracts/<int:contract_id>/", "login 404 ok ok ok"),
    page(
        "POST",
        "/contracts/<int:contract_id>/payments/",
        "login 404 ok 400 400",
        body={"amount_cents": "50", "memo": "Milestone 2"},
        done=paid,
        case="the page shows the operator the contract, and the refusal on its form",
    ),
    page(
        "POST",
        "/contracts/<int:contract_id>/end/",
        "login 404 ok ok 400",
        body={"reason": "completed"},
        done=ended,
        case="the page shows the operator the contract, and the refusal on its form",
    ),
    # Feedback
    page(
        "GET",
        "/contracts/<int:contract_id>/feedback/",
        "login 404 ok ok 404",
        args={"contract_id": "ended"},
    ),
    page(
        "POST",
        "/contracts/<int:contract_id>/feedback/",
        "login 404 ok ok 404",
        args={"contract_id": "ended"},
        body=feedback_form,
        done=feedback_given,
    ),
    page(
        "POST",
        "/contracts/<int:contract_id>/feedback/request/",
        "login 404 ok ok 404",
        args={"contract_id": "ended"},
        done=feedback_requested,
    ),
    page("GET", "/feedback/<int:feedback_id>/", "ok ok ok ok ok", case="revealed"),
    page(
        "GET",
        "/feedback/<int:feedback_id>/",
        "404 404 ok 404 ok",
        args={"feedback_id": "sealed_feedback"},
        case="sealed: the page of the person rated would show nothing but that it exists",
    ),
    page("GET", "/feedback/<int:feedback_id>/respond/", "login 403 403 ok 403", case="revealed"),
    page(
        "GET",
        "/feedback/<int:feedback_id>/respond/",
        "login 404 403 409 404",
        args={"feedback_id": "sealed_feedback"},
        case="sealed: the person rated knows it exists, nobody else does",
    ),
    page(
        "POST",
        "/feedback/<int:feedback_id>/respond/",
        "login 403 403 ok 403",
        body={"text": "Thank you, Carol."},
        done=responded,
    ),
    page("GET", "/feedback/<int:feedback_id>/report/", "login ok ok ok ok"),
    page(
        "POST",
        "/feedback/<int:feedback_id>/report/",
        "login ok ok ok ok",
        body={"reason": "irrelevant", "details": "Not about the work.", "target": "feedback"},
        done=reported,
    ),
    page(
        "GET",
        "/feedback/<int:feedback_id>/report/",
        "login 404 404 404 404",
        args={"feedback_id": "sealed_feedback"},
        case="sealed: nothing to report yet",
    ),
    page("GET", "/users/<int:user_id>/feedback/<str:role>/", "ok ok ok ok ok"),
    page("GET", "/users/<int:user_id>/reputation/<str:role>/explain/", "ok ok ok ok ok"),
    # Notifications
    page("GET", "/notifications/", "login ok ok ok ok", shows=notification_forms, mine=PARTIES),
    page("POST", "/notifications/read-all/", "login ok ok ok ok", done=all_read),
    page(
        "POST",
        "/notifications/<int:notification_id>/open/",
        "login 404 ok 404 404",
        done=notification_read,
    ),
    # Core
    page("GET", "/dashboard/", "login ok ok ok ok", shows=contract_links, mine=PARTIES),
    page("GET", "/healthz", "ok ok ok ok ok"),
    page("GET", "/favicon.ico", "ok ok ok ok ok"),
]

ROWS = API_ROWS + PAGE_ROWS
