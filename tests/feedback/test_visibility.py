"""The leak-hunting matrix: {author, person rated, stranger, anonymous, operator} x every state
of a contract's feedback x every read path that could show it (``read_paths.PATHS``).

Each state is built once per module (``world``, inside a transaction rolled back afterwards);
each cell reads one path as one viewer and asserts what must and must not appear: the markers
planted in the comments, private notes and response, the star pattern, exact API shapes and
placeholders, and — for aggregates, rankings and search — that a sealed (or removed) feedback
changes nothing at all compared with the same marketplace before the contract's feedback.
The negative controls at the bottom prove each check would catch a leak. Who may see what is
modelled in ``matrix.py``; the rule itself is DESIGN.md 1.6-1.12 and
``twoway.feedback.selectors.feedback_view``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from tests.feedback.matrix import (
    AS_IF_NEVER_GIVEN,
    BOTH_REMOVED,
    BOTH_REVEALED,
    BY_CLIENT,
    ONLY_CLIENT_SEALED,
    PAST_THE_CLOSE,
    RESPONSE_REMOVED,
    REVEALED_AT_CLOSE,
    STATES,
    THEY_LEFT_THEIRS,
    UNCHANGED,
    VIEWERS,
    World,
    api_get,
    assert_no_leak,
    assert_shown,
    build_world,
    markers_in,
    page_get,
    star_patterns,
)
from tests.feedback.read_paths import (
    COMPARED,
    HTML_PAGES,
    PATHS,
    PATHS_BY_NAME,
    ReadPath,
    person,
    role_of,
    snapshot,
)
from twoway.accounts.models import User
from twoway.core import clock
from twoway.feedback.models import Feedback
from twoway.feedback.services import reveals_process_due
from twoway.notifications.models import Notification


@pytest.fixture(scope="module", params=STATES)
def world(request: Any, django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The marketplace in one state, shared by the module's tests and rolled back after.

    (Tests choosing a state parametrise ``world`` on its own, indirectly, so pytest keeps
    one world per state for the whole module instead of building one per test.)
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(request.param, snapshot)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _reading_the_world(world: World, db: None) -> None:
    """Each test reads in its own savepoint; the revealed-at-close state is read after the
    window's close (the conftest puts the clock back after each test)."""
    if world.state == REVEALED_AT_CLOSE:
        clock.travel(PAST_THE_CLOSE)


# --- The matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
@pytest.mark.parametrize("viewer_name", VIEWERS)
def test_each_viewer_gets_exactly_what_the_rule_allows(
    world: World, viewer_name: str, path: ReadPath
) -> None:
    viewer = world.viewer(viewer_name)
    where = f"{path.name} as the {viewer_name} ({world.state})"
    result = path.fetch(world, viewer)
    assert result.status == path.status(world, viewer), where
    forbidden = world.every_marker() if path.silent else world.forbidden(viewer)
    assert_no_leak(result.text, forbidden, where=where)
    if result.status == 200:
        assert_shown(result.text, path.must_see(world, viewer), where=where)
    if path.check is not None:
        path.check(world, viewer, result)
    if path.same_as_before is not None and world.state in UNCHANGED | AS_IF_NEVER_GIVEN:
        removed = world.state in AS_IF_NEVER_GIVEN
        before = path.same_as_before(world, world.baseline[path.name], removed)
        assert path.same_as_before(world, result, removed) == before, where


# --- Named guarantees ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "world", [BOTH_REVEALED, REVEALED_AT_CLOSE, BOTH_REMOVED, RESPONSE_REMOVED], indirect=True
)
@pytest.mark.parametrize("viewer_name", ["rated", "stranger"])
def test_the_private_part_never_reaches_an_html_page_for_the_rated_or_a_stranger(
    world: World, viewer_name: str
) -> None:
    """Not even after the reveal, nor on the pages to respond to or report a feedback (the
    matrix checks every page in every state too; this is the guarantee said in one place)."""
    viewer = world.viewer(viewer_name)
    not_theirs = {f"private:{g.key}" for g in world.given.values() if g.author != viewer}
    actions = ("respond", "report")
    extra = [f"/feedback/{g.pk}/{action}/" for g in world.on_contract() for action in actions]
    pages = [path.fetch(world, viewer) for path in HTML_PAGES]
    pages += [page_get(viewer, url) for url in [*extra, "/contracts/", "/settings/"]]
    for page in pages:
        assert_no_leak(page.text, not_theirs, where=f"{viewer_name} ({world.state})")
        assert "Would work again" not in page.text or viewer == world.fred  # his, on Carol


def test_operators_read_the_private_part_in_the_admin(world: World) -> None:
    operator = world.viewer("operator")
    for given in world.on_contract():
        page = page_get(operator, f"/admin/feedback/feedback/{given.pk}/change/")
        assert page.status == 200
        assert given.spec.note in page.text
        assert_shown(page.text, {f"private:{given.key}"}, where=f"admin ({world.state})")
    url = f"/admin/feedback/feedback/{world.under_test.pk}/change/"
    for name in ("author", "rated", "stranger", "anonymous"):
        page = page_get(world.viewer(name), url)
        assert page.status == 302
        assert page.location.startswith("/admin/login/")


# --- Negative controls: each check above would catch a leak -----------------------------------


def assert_the_leak_check_trips(world: World, path: ReadPath) -> None:
    """What ``path`` serves the viewers allowed to see it would be flagged as a leak had it
    reached a viewer from whom the contract's feedback is sealed."""
    tripped = []
    for name in VIEWERS:
        text = path.fetch(world, world.viewer(name)).text
        for victim in VIEWERS:
            try:
                assert_no_leak(text, world.forbidden_if_all_sealed(world.viewer(victim)), where="")
            except AssertionError:
                tripped.append((name, victim))
    assert tripped, f"{path.name}: shows nothing the leak check could catch"


SHOWING = [
    path
    for path in PATHS
    if not path.silent
    and path.name != "page-feedback-form"
    # (the score history holds numbers only: its control is the comparison below)
    and not path.name.startswith("api-score-history")
]


@pytest.mark.parametrize("world", [BOTH_REVEALED], indirect=True)
@pytest.mark.parametrize("path", SHOWING, ids=lambda path: path.name)
def test_the_leak_check_trips_on_revealed_content(world: World, path: ReadPath) -> None:
    """Each path that shows feedback does show the markers once revealed, and the check would
    flag them in front of anyone the feedback is sealed from: no sealed cell is vacuous."""
    assert_the_leak_check_trips(world, path)


@pytest.mark.parametrize("world", [ONLY_CLIENT_SEALED], indirect=True)
def test_the_leak_check_trips_on_the_authors_own_sealed_feedback_form(world: World) -> None:
    assert_the_leak_check_trips(world, PATHS_BY_NAME["page-feedback-form"])


def assert_the_comparison_trips(world: World, path: ReadPath) -> None:
    assert path.same_as_before is not None
    before = path.same_as_before(world, world.baseline[path.name], False)
    after = path.same_as_before(world, path.fetch(world, None), False)
    assert after != before, path.name


@pytest.mark.parametrize("world", [BOTH_REVEALED], indirect=True)
@pytest.mark.parametrize("path", COMPARED, ids=lambda path: path.name)
def test_every_comparison_trips_once_the_feedback_is_revealed(world: World, path: ReadPath) -> None:
    """Each "a sealed feedback changes nothing" comparison does see the same feedback once it
    counts, so "unchanged" in the sealed states means something."""
    assert_the_comparison_trips(world, path)


@pytest.mark.parametrize("world", [REVEALED_AT_CLOSE], indirect=True)
@pytest.mark.parametrize(
    "path",
    [path for path in COMPARED if path.name.endswith("-fred") or "freelancers" in path.name],
    ids=lambda path: path.name,
)
def test_comparisons_trip_once_the_window_closes(world: World, path: ReadPath) -> None:
    """Only Carol's feedback (on Fred) exists here. Reads fold in the due reveal before the
    sweeper runs; search, which sorts on stored keys, sees it once the sweeper has run."""
    if path.silent:
        assert reveals_process_due() == 1
    assert_the_comparison_trips(world, path)


@pytest.mark.parametrize("world", [BOTH_REVEALED], indirect=True)
@pytest.mark.parametrize("who", ["fred", "carol"])
def test_the_reveal_moves_every_part_of_the_reputation_compared(world: World, who: str) -> None:
    """Counts, scores, distribution, criteria, themes, success and the ratings given all move
    when the contract's feedback counts: each would show a sealed feedback that leaked."""
    before = world.baseline[f"api-reputation-{who}"].data
    url = f"/users/{person(world, who).pk}/reputation"
    after = api_get(world, None, url, role=role_of(who)).data
    parts = ["review_count", "feedback_score", "ranking_score", "distribution", "criteria"]
    for part in [*parts, "themes", "success", "rating_given"]:
        assert after[part] != before[part], part


@pytest.mark.parametrize("world", [ONLY_CLIENT_SEALED], indirect=True)
@pytest.mark.parametrize("path", ["api-notifications", "page-notifications", "emails"])
def test_the_notification_checks_catch_a_wording_that_quotes_the_feedback(
    world: World, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twoway.notifications import api, services, texts, views

    def quoting(notification: Notification) -> texts.Message:
        message = texts.message_for(notification)
        comments = Feedback.objects.filter(contract=notification.contract)
        quoted = " ".join(comments.values_list("comment", flat=True))
        return texts.Message(message.subject, f"{message.body} {quoted}", message.url)

    for module in (api, views, services):
        monkeypatch.setattr(module, "message_for", quoting)
    rated = world.viewer("rated")
    if path == "emails":
        mail.outbox.clear()
        theirs = Notification.objects.filter(user=rated)
        theirs.update(emailed_at=None)
        services.notifications_deliver(ids=list(theirs.values_list("pk", flat=True)))
        text = "\n".join(f"{email.subject}\n{email.body}" for email in mail.outbox)
    else:
        text = PATHS_BY_NAME[path].fetch(world, rated).text
    with pytest.raises(AssertionError, match="public:client"):
        assert_no_leak(text, world.every_marker(), where=path)


@pytest.mark.parametrize("world", [ONLY_CLIENT_SEALED], indirect=True)
def test_the_dashboard_check_catches_a_feedback_to_give_list_that_quotes_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from twoway.core import views

    real = views.feedback_to_give

    def quoting(*, user: User, limit: int = 20) -> list[Any]:
        due = real(user=user, limit=limit)
        for item in due:
            theirs = Feedback.objects.filter(contract=item.contract).first()
            item.contract.title += f" — {theirs.comment if theirs else ''}"
        return due

    monkeypatch.setattr(views, "feedback_to_give", quoting)
    page = PATHS_BY_NAME["page-dashboard"].fetch(world, world.viewer("rated"))
    assert THEY_LEFT_THEIRS in page.text
    with pytest.raises(AssertionError, match="public:client"):
        assert_no_leak(page.text, world.every_marker(), where="dashboard")


@pytest.mark.parametrize("world", [ONLY_CLIENT_SEALED], indirect=True)
def test_the_marker_finder_recognises_each_marker_as_pages_and_json_show_it(
    world: World,
) -> None:
    author = world.viewer("author")
    api_text = api_get(world, author, f"/contracts/{world.contract.pk}/feedback").text
    page_text = page_get(author, f"/contracts/{world.contract.pk}/").text
    every_part = {"public:client", "stars:client", "private:client"}
    assert every_part <= markers_in(api_text)
    assert every_part <= markers_in(page_text)
    assert BY_CLIENT.stars in star_patterns(page_text)  # the card's stars, criterion by criterion
    assert markers_in('{"ratings": ' + str(BY_CLIENT.ratings).replace("'", '"') + "}") == {
        "stars:client"
    }
    response_and_overall = "MARKER-RESPONSE-FREELANCER-4b71 and 1.17"
    assert markers_in(response_and_overall) == {"response:client", "stars:freelancer"}
    assert markers_in("v0.1.33, 21.33 and 1.334") == set()
