"""Every read path of the leak-hunting matrix (``test_visibility.py``): how to read it as one
viewer, which status that viewer gets, which markers they must find, the exact shapes and
placeholders they must get, and — for aggregates, rankings and search — the part a sealed or
removed feedback must leave exactly as it was before the contract's feedback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.feedback.matrix import (
    BY_CLIENT,
    BY_FREELANCER,
    REMOVED_CARD,
    REMOVED_RESPONSE,
    REVEALED_AT_CLOSE,
    THEY_LEFT_THEIRS,
    UNCHANGED,
    Given,
    Result,
    World,
    api_get,
    card_ids,
    element,
    page_get,
    plain,
)
from twoway.accounts.models import User
from twoway.feedback.selectors import REMOVED, REVEALED, SEALED

Fetch = Callable[[World, User | None], Result]
Status = Callable[[World, User | None], int]
Shown = Callable[[World, User | None], set[str]]
Check = Callable[[World, User | None, Result], None]
Same = Callable[[World, Result, bool], Any]


def _nothing(world: World, viewer: User | None) -> set[str]:
    return set()


@dataclass(frozen=True)
class ReadPath:
    """One way feedback could leave the server, and what each viewer must get from it."""

    name: str
    fetch: Fetch
    status: Status
    # Markers this viewer must find (the path shows them the feedback).
    must_see: Shown = _nothing
    # Shows no feedback content to anyone, ever: every marker is forbidden to every viewer.
    silent: bool = False
    # What a sealed feedback must leave exactly as it was; with ``removed=True``, what a
    # removed one must leave as if it had never been given (None: not compared).
    same_as_before: Same | None = None
    check: Check | None = None


# --- Who gets a 200 --------------------------------------------------------------------------


def everyone(world: World, viewer: User | None) -> int:
    return 200


def signed_in_api(world: World, viewer: User | None) -> int:
    return 401 if viewer is None else 200


def signed_in_page(world: World, viewer: User | None) -> int:
    return 302 if viewer is None else 200  # to the login page


def is_party(world: World, viewer: User | None) -> bool:
    return viewer is not None and viewer.pk in (world.carol.pk, world.fred.pk)


def parties_api(world: World, viewer: User | None) -> int:
    if viewer is None:
        return 401
    return 200 if is_party(world, viewer) or viewer.is_staff else 404


def parties_page(world: World, viewer: User | None) -> int:
    if viewer is None:
        return 302
    return 200 if is_party(world, viewer) or viewer.is_staff else 404


def operators_page(world: World, viewer: User | None) -> int:
    return 200 if viewer is not None and viewer.is_staff else 302


def feedback_status(key: str) -> Status:
    def status(world: World, viewer: User | None) -> int:
        given = world.given.get(key)
        return 404 if given is None or given.hidden_from(viewer) else 200

    return status


def form_status(world: World, viewer: User | None) -> int:
    if viewer is None:
        return 302
    if not is_party(world, viewer):
        return 404
    own = [g for g in world.on_contract() if g.author.pk == viewer.pk]
    if own:
        return 200 if own[0].state == SEALED else 302  # editing ends at the reveal
    return 302 if world.state == REVEALED_AT_CLOSE else 200  # no feedback after the close


# --- What each viewer must find ------------------------------------------------------------


def person(world: World, who: str) -> User:
    return world.fred if who == "fred" else world.carol


def role_of(who: str) -> str:
    return "freelancer" if who == "fred" else "client"


def feedback_about(world: World, who: str) -> Given | None:
    """The contract's feedback about Fred (Carol's) or about Carol (Fred's), if given."""
    return world.given.get(BY_CLIENT.key if who == "fred" else BY_FREELANCER.key)


def shown_on_contract(world: World, viewer: User | None) -> set[str]:
    if parties_api(world, viewer) != 200:
        return set()
    return set().union(*(g.shown(viewer) for g in world.on_contract()))


def shown_in_history(who: str) -> Shown:
    def shown(world: World, viewer: User | None) -> set[str]:
        return set().union(*(g.shown(viewer) for g in world.about(person(world, who))))

    return shown


def stars_in_explain(who: str) -> Shown:
    """The explain rows show each counted contract's overall score, nothing else of it."""

    def shown(world: World, viewer: User | None) -> set[str]:
        given = feedback_about(world, who)
        return {f"stars:{given.key}"} if given and given.state == REVEALED else set()

    return shown


def feedback_shown(key: str) -> Shown:
    def shown(world: World, viewer: User | None) -> set[str]:
        given = world.given.get(key)
        return given.shown(viewer) if given else set()

    return shown


def form_shown(world: World, viewer: User | None) -> set[str]:
    """The author editing their sealed feedback finds their own words in the form."""
    own = [g for g in world.on_contract() if viewer and g.author.pk == viewer.pk]
    if own and own[0].state == SEALED:
        return {f"public:{own[0].key}", f"private:{own[0].key}"}
    return set()


def admin_shown(world: World, viewer: User | None) -> set[str]:
    return world.under_test.shown(viewer) if operators_page(world, viewer) == 200 else set()


# --- Exact shapes and placeholders ------------------------------------------------------------


def check_feedback_json(data: dict[str, Any], given: Given, viewer: User | None) -> None:
    """The serialised feedback carries exactly what the rule allows this viewer."""
    assert not given.hidden_from(viewer)
    placeholder = given.placeholder(viewer)
    if placeholder is not None:
        assert data == placeholder  # {"status": "sealed"} or the removed placeholder, only
        return
    spec = given.spec
    assert (data["id"], data["status"]) == (given.pk, given.state)
    assert data["ratings"] == spec.ratings
    assert data["overall"] == float(spec.overall)
    assert data["comment"] == spec.comment
    if given.privileged(viewer):
        private = {"reason": spec.reason, "would_work_again": spec.would_work_again}
        assert data["private"] == {**private, "note": spec.note}
    else:
        assert data["private"] is None
    if given.response is None or given.state == SEALED:
        assert data["response"] is None
        return
    removed = given.response == "removed"
    assert data["response"]["status"] == ("removed" if removed else "published")
    readable = not removed or given.reads_response(viewer)
    assert data["response"]["text"] == (spec.response if readable else None)


def check_contract_feedback(world: World, viewer: User | None, result: Result) -> None:
    if result.status != 200:
        assert result.data["code"] in ("contract_not_found", "not_authenticated")
        return
    assert result.data["window_closes_at"] is not None
    for side, key in (("from_client", BY_CLIENT.key), ("from_freelancer", BY_FREELANCER.key)):
        given = world.given.get(key)
        if given is None:
            assert result.data[side] is None
        else:
            check_feedback_json(result.data[side], given, viewer)


def check_feedback_detail(key: str) -> Check:
    def check(world: World, viewer: User | None, result: Result) -> None:
        if result.status == 200:
            check_feedback_json(result.data, world.given[key], viewer)
        else:  # the same answer as for an id that never existed
            assert result.data == {"code": "feedback_not_found", "message": "No such feedback."}

    return check


def check_history_json(who: str) -> Check:
    def check(world: World, viewer: User | None, result: Result) -> None:
        expected = {g.pk: g for g in world.about(person(world, who))}
        items = result.data["items"]
        assert sorted(item["id"] for item in items) == sorted(expected)
        for item in items:
            check_feedback_json(item, expected[item["id"]], viewer)

    return check


def check_explain_json(who: str) -> Check:
    """The contract's row: a sealed feedback reads exactly like none given."""

    def check(world: World, viewer: User | None, result: Result) -> None:
        (row,) = [r for r in result.data["items"] if r["contract_id"] == world.contract.pk]
        given = feedback_about(world, who)
        if given is None or given.state == SEALED:
            closed = world.state == REVEALED_AT_CLOSE
            assert row["why"] == ("No feedback given" if closed else "Feedback window still open")
            assert (row["overall"], row["counted"], row["weight_cents"]) == (None, False, 0)
        elif given.state == REMOVED:
            assert row["why"] == "Removed for violating policy"
            assert (row["overall"], row["counted"], row["weight_cents"]) == (None, False, 0)
        else:
            assert (row["overall"], row["counted"]) == (float(given.spec.overall), True)

    return check


def placeholders_match(cards_of: Callable[[World], list[Given]]) -> Check:
    """Removed feedback and responses read "removed for violating policy" to exactly the
    viewers the rule hides them from; sealed feedback reads "sealed" to the person rated."""

    def check(world: World, viewer: User | None, result: Result) -> None:
        if result.status != 200:
            assert "MARKER" not in result.text
            return
        cards = cards_of(world)
        removed = [g for g in cards if g.state == REMOVED and not g.privileged(viewer)]
        assert result.text.count(REMOVED_CARD) == len(removed)
        sealed = [g for g in cards if g.state == SEALED and not g.privileged(viewer)]
        assert result.text.count('class="feedback-card feedback-sealed"') == len(sealed)
        hidden_responses = [
            g
            for g in cards
            if g.response == "removed" and g.state == REVEALED and not g.reads_response(viewer)
        ]
        assert result.text.count(REMOVED_RESPONSE) == len(hidden_responses)

    return check


def check_explain_page(who: str) -> Check:
    def check(world: World, viewer: User | None, result: Result) -> None:
        row = explain_rows(result.text)[world.contract.title]
        given = feedback_about(world, who)
        removed = given is not None and given.state == REMOVED
        assert ("Removed for violating policy" in row) == removed

    return check


def rated_while_sealed(world: World, viewer: User | None) -> bool:
    return world.state in UNCHANGED and viewer == world.under_test.subject


def check_dashboard(world: World, viewer: User | None, result: Result) -> None:
    """ "Feedback to give" says the other side left theirs — to the person rated only."""
    if result.status == 200:
        assert (THEY_LEFT_THEIRS in result.text) == rated_while_sealed(world, viewer)


def check_notifications(world: World, viewer: User | None, result: Result) -> None:
    if result.status != 200:
        return
    items = result.data["items"]
    kinds = {item["kind"] for item in items if item["contract_id"] == world.contract.pk}
    # The person rated learns that the first feedback exists, nothing more; the reveal is
    # announced to both parties (here, by the second submission).
    assert ("feedback_left" in kinds) == (viewer == world.under_test.subject)
    both_spoke = len(world.on_contract()) == 2
    assert ("feedback_revealed" in kinds) == (both_spoke and is_party(world, viewer))


def check_emails(world: World, viewer: User | None, result: Result) -> None:
    if rated_while_sealed(world, viewer):
        assert "left feedback — leave yours to see it" in result.text


# --- What a sealed (or removed) feedback must leave as it was -----------------------------------


def explain_rows(source: str) -> dict[str, str]:
    """The explain table's rows (as text) by contract title."""
    body = element(source, "explain").split("<tbody>", 1)[-1]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows[plain(cells[0])] = plain(row)
    return rows


def the_data(world: World, result: Result, removed: bool) -> Any:
    return result.data


def explain_same(world: World, result: Result, removed: bool) -> Any:
    items = result.data["items"]
    if removed:  # that row says "removed"; the score and every other row as before
        items = [i for i in items if i["contract_id"] != world.contract.pk]
    return {**result.data, "items": items}


def explain_page_same(world: World, result: Result, removed: bool) -> Any:
    rows = explain_rows(result.text)
    if removed:
        rows.pop(world.contract.title)
    score = re.search(r"Feedback score:.*?<strong[^>]*>(.*?)</strong>", result.text, re.S)
    assert score is not None
    return score[1], rows


def history_same(world: World, result: Result, removed: bool) -> Any:
    if removed:
        return None  # shows the removed placeholder (checked by placeholders_match)
    if result.data is not None:
        return [item["id"] for item in result.data["items"]]
    return card_ids(result.text)


def profile_same(who: str) -> Same:
    def same(world: World, result: Result, removed: bool) -> Any:
        record = plain(element(result.text, f"reputation-{role_of(who)}"))
        return record, (None if removed else card_ids(result.text))

    return same


def client_record_same(world: World, result: Result, removed: bool) -> Any:
    return plain(element(result.text, "client-record"))


# --- Search ------------------------------------------------------------------------------------

# Each of these flips once the contract's feedback counts: Fred drops below Rita by score and
# by ranking, out of "at least 4", and ahead of her by number of reviews; Carol's jobs drop out
# of "client score at least 2.5" and — two freelancers now reporting non-payment — out of
# "hide clients with warnings".
FREELANCER_QUERIES: list[dict[str, Any]] = [
    {"sort": "ranking"},
    {"sort": "score"},
    {"sort": "reviews"},
    {"min_score": "4", "sort": "score"},
]
JOB_QUERIES: list[dict[str, Any]] = [{"min_client_score": "2.5"}, {"hide_warned": "true"}]
# The pages run the same searches: one each, with both filters at once on the job board.
FREELANCER_PAGE = {"sort": "score"}
JOB_BOARD = {"min_client_score": "2.5", "hide_warned": "on"}
HIT_FIELDS = ("user", "feedback_score", "review_count", "ranking_score", "success_score")


def fetch_freelancer_search(world: World, viewer: User | None) -> Result:
    results = [api_get(world, viewer, "/freelancers", **query) for query in FREELANCER_QUERIES]
    hits = [
        [{key: hit[key] for key in HIT_FIELDS} for hit in result.data["items"]]
        for result in results
    ]
    return Result(200, "\n".join(r.text for r in results), hits)


def fetch_job_search(world: World, viewer: User | None) -> Result:
    results = [api_get(world, viewer, "/jobs", **query) for query in JOB_QUERIES]
    jobs = [
        [
            (job["id"], job["client"]["feedback_score"], job["client"]["warning_count"])
            for job in result.data["items"]
        ]
        for result in results
    ]
    return Result(200, "\n".join(r.text for r in results), jobs)


def fetch_freelancer_page(world: World, viewer: User | None) -> Result:
    page = page_get(viewer, "/freelancers/", **FREELANCER_PAGE)
    found = re.findall(r'data-testid="freelancer">.*?href="/users/(\d+)/"', page.text, re.S)
    return Result(page.status, page.text, [int(pk) for pk in found])


def fetch_job_board(world: World, viewer: User | None) -> Result:
    page = page_get(viewer, "/", **JOB_BOARD)
    found = dict.fromkeys(re.findall(r'href="/jobs/(\d+)/"', page.text))
    return Result(page.status, page.text, [int(pk) for pk in found])


def fetch_emails(world: World, viewer: User | None) -> Result:
    """The emails sent to ``viewer``; for the anonymous column, every email sent to anyone."""
    emails = [e for e in world.emails if viewer is None or e.to == [viewer.email]]
    return Result(200, "\n\n".join(f"{e.subject}\n{e.body}" for e in emails))


def fetch_feedback(key: str) -> Fetch:
    def fetch(world: World, viewer: User | None) -> Result:
        given = world.given.get(key)
        return api_get(world, viewer, f"/feedback/{given.pk if given else 0}")

    return fetch


# --- The paths ---------------------------------------------------------------------------------


def _people_paths(who: str) -> list[ReadPath]:
    role = role_of(who)

    def api(suffix: str) -> Fetch:
        return lambda w, v: api_get(w, v, f"/users/{person(w, who).pk}{suffix}", role=role)

    def page(suffix: str) -> Fetch:
        return lambda w, v: page_get(v, f"/users/{person(w, who).pk}{suffix}")

    cards = placeholders_match(lambda w: w.about(person(w, who)))
    return [
        ReadPath(
            f"api-history-{who}",
            api("/feedback"),
            everyone,
            must_see=shown_in_history(who),
            same_as_before=history_same,
            check=check_history_json(who),
        ),
        ReadPath(f"api-reputation-{who}", api("/reputation"), everyone, same_as_before=the_data),
        ReadPath(
            f"api-score-history-{who}",
            api("/reputation/history"),
            everyone,
            same_as_before=the_data,
        ),
        ReadPath(
            f"api-explain-{who}",
            api("/reputation/explain"),
            everyone,
            must_see=stars_in_explain(who),
            same_as_before=explain_same,
            check=check_explain_json(who),
        ),
        ReadPath(
            f"page-profile-{who}",
            page("/"),
            everyone,
            must_see=shown_in_history(who),
            same_as_before=profile_same(who),
            check=cards,
        ),
        ReadPath(
            f"page-history-fragment-{who}",
            page(f"/feedback/{role}/"),
            everyone,
            must_see=shown_in_history(who),
            same_as_before=history_same,
            check=cards,
        ),
        ReadPath(
            f"page-explain-{who}",
            page(f"/reputation/{role}/explain/"),
            everyone,
            must_see=stars_in_explain(who),
            same_as_before=explain_page_same,
            check=check_explain_page(who),
        ),
    ]


PATHS: list[ReadPath] = [
    ReadPath(
        "api-contract-feedback",
        lambda w, v: api_get(w, v, f"/contracts/{w.contract.pk}/feedback"),
        parties_api,
        must_see=shown_on_contract,
        check=check_contract_feedback,
    ),
    *[
        ReadPath(
            f"api-feedback-by-{key}",
            fetch_feedback(key),
            feedback_status(key),
            must_see=feedback_shown(key),
            check=check_feedback_detail(key),
        )
        for key in (BY_CLIENT.key, BY_FREELANCER.key)
    ],
    *_people_paths("fred"),
    *_people_paths("carol"),
    ReadPath(
        "api-job",
        lambda w, v: api_get(w, v, f"/jobs/{w.contract.job_id}"),
        everyone,
        same_as_before=the_data,
    ),
    ReadPath(
        "api-search-freelancers",
        fetch_freelancer_search,
        everyone,
        silent=True,
        same_as_before=the_data,
    ),
    ReadPath("api-search-jobs", fetch_job_search, everyone, silent=True, same_as_before=the_data),
    ReadPath(
        "api-notifications",
        lambda w, v: api_get(w, v, "/notifications", limit=100),
        signed_in_api,
        silent=True,
        check=check_notifications,
    ),
    ReadPath("emails", fetch_emails, everyone, silent=True, check=check_emails),
    ReadPath(
        "page-contract",
        lambda w, v: page_get(v, f"/contracts/{w.contract.pk}/"),
        parties_page,
        must_see=shown_on_contract,
        check=placeholders_match(World.on_contract),
    ),
    ReadPath(
        "page-feedback-form",
        lambda w, v: page_get(v, f"/contracts/{w.contract.pk}/feedback/"),
        form_status,
        must_see=form_shown,
    ),
    ReadPath(
        "page-job",
        lambda w, v: page_get(v, f"/jobs/{w.contract.job_id}/"),
        everyone,
        same_as_before=client_record_same,
    ),
    ReadPath(
        "page-freelancers",
        fetch_freelancer_page,
        everyone,
        silent=True,
        same_as_before=the_data,
    ),
    ReadPath("page-job-board", fetch_job_board, everyone, silent=True, same_as_before=the_data),
    ReadPath(
        "page-dashboard",
        lambda w, v: page_get(v, "/dashboard/"),
        signed_in_page,
        silent=True,
        check=check_dashboard,
    ),
    ReadPath(
        "page-notifications",
        lambda w, v: page_get(v, "/notifications/"),
        signed_in_page,
        silent=True,
    ),
    ReadPath(
        "page-admin-feedback",
        lambda w, v: page_get(v, f"/admin/feedback/feedback/{w.under_test.pk}/change/"),
        operators_page,
        must_see=admin_shown,
    ),
]
PATHS_BY_NAME = {path.name: path for path in PATHS}
COMPARED = [path for path in PATHS if path.same_as_before is not None]
HTML_PAGES = [path for path in PATHS if path.name.startswith("page-")]


def snapshot(world: World) -> dict[str, Result]:
    """Every compared path as an anonymous visitor reads it (before the contract's feedback)."""
    return {path.name: path.fetch(world, None) for path in COMPARED}
