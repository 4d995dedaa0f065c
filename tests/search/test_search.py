"""Search for freelancers and jobs: full-text, filters, sorts, keyset pages, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import make_contract, make_job, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.accounts.models import FreelancerProfile
from twoway.accounts.services import freelancer_profile_update
from twoway.feedback.services import feedback_submit
from twoway.reputation.services import success_scores_refresh

pytestmark = pytest.mark.django_db

STARS = [
    "skills",
    "quality",
    "availability",
    "adherence_to_schedule",
    "communication",
    "cooperation",
]


def freelancer_with(username, title, skills, rate=5000, overview="I build things."):
    person = make_user("freelancer", username=username)
    freelancer_profile_update(
        user=person, title=title, overview=overview, skills=skills, hourly_rate_cents=rate
    )
    return person


def review(client, person, stars, paid=50_000):
    contract = make_contract(client, person, paid_cents=paid, ended=True)
    ratings = dict.fromkeys(STARS, stars)
    feedback_submit(
        actor=client,
        contract_id=contract.pk,
        **client_feedback(
            ratings=ratings, comment="Reviewed." if stars >= 3 else "Missed deadlines."
        ),
    )
    feedback_submit(actor=person, contract_id=contract.pk, **freelancer_feedback())


@pytest.fixture
def people(client_user):
    django = freelancer_with("djdev", "Django developer", ["Django", "Python"], 9000)
    react = freelancer_with("reeng", "React engineer", ["React", "TypeScript"], 7000)
    writer = freelancer_with(
        "writer", "Copywriter for SaaS", ["Copywriting"], 4000, "Words that sell."
    )
    newbie = freelancer_with("newbie", "Django beginner", ["Django"], 2000)
    review(client_user, django, 5)
    for _ in range(4):
        review(client_user, react, 5)
    review(client_user, writer, 2)
    return {"django": django, "react": react, "writer": writer, "newbie": newbie}


def names(response):
    assert response.status_code == 200, response.content
    return [item["user"]["username"] for item in response.json()["items"]]


def test_keywords_match_title_skills_and_overview_with_stemming_and_prefixes(api, people):
    anon = api(None)
    assert set(names(anon.get("/freelancers", q="django"))) == {"djdev", "newbie"}
    assert names(anon.get("/freelancers", q="typescript")) == ["reeng"]
    assert names(anon.get("/freelancers", q="sell")) == ["writer"]  # "sell" in the overview
    assert set(names(anon.get("/freelancers", q="djan"))) == {"djdev", "newbie"}  # a prefix
    assert names(anon.get("/freelancers", q="developers")) == ["djdev"]  # stemmed
    assert names(anon.get("/freelancers", q="django react")) == []  # every word must match


def test_search_syntax_typed_by_people_is_harmless(api, people):
    for query in [
        '"',
        "django OR",
        "NEAR(",
        "*",
        "-django",
        "a:b",
        "'); DROP TABLE x; --",
        "\u00e9t\u00e9",
    ]:
        response = api(None).get("/freelancers", q=query)
        assert response.status_code == 200, (query, response.content)


def test_sort_by_ranking_prefers_many_good_reviews_over_one_perfect_one(api, people):
    order = names(api(None).get("/freelancers", sort="ranking"))
    assert order.index("reeng") < order.index("djdev")
    assert order[-1] in {"newbie"}  # no reviews: last


def test_sort_by_score_and_by_reviews(api, people):
    by_score = names(api(None).get("/freelancers", sort="score"))
    assert by_score[:2] in (["reeng", "djdev"], ["djdev", "reeng"])
    assert by_score.index("writer") < by_score.index("newbie")
    by_reviews = names(api(None).get("/freelancers", sort="reviews"))
    assert by_reviews[0] == "reeng"


def test_minimums_exclude_people_without_reviews(api, people):
    assert set(names(api(None).get("/freelancers", min_score="4.5"))) == {"djdev", "reeng"}
    assert names(api(None).get("/freelancers", min_reviews=2)) == ["reeng"]
    assert "newbie" not in names(api(None).get("/freelancers", min_score="0"))


def test_skill_and_rate_filters(api, people):
    assert set(names(api(None).get("/freelancers", skill="django"))) == {"djdev", "newbie"}
    assert set(names(api(None).get("/freelancers", rate_min_cents=5000, rate_max_cents=8000))) == {
        "reeng"
    }


def test_results_show_the_reputation(api, people):
    items = api(None).get("/freelancers", q="react").json()["items"]
    assert items[0]["feedback_score"] == 5.0
    assert items[0]["review_count"] == 4
    assert items[0]["display"] == "5.00 (4 reviews)"


def test_keyset_pages_walk_every_freelancer_once(api, client_user):
    for n in range(7):
        person = freelancer_with(f"pp{n}", "Illustrator", ["Illustration"])
        if n % 2:
            review(client_user, person, 4 + n % 2)
    for sort in ("ranking", "score", "reviews", "relevance"):
        seen, cursor = [], None
        while True:
            params = {"sort": sort, "limit": 3, "q": "illustrator"}
            if cursor:
                params["cursor"] = cursor
            body = api(None).get("/freelancers", **params).json()
            seen += [item["user"]["username"] for item in body["items"]]
            cursor = body["next"]
            if not cursor:
                break
        assert sorted(seen) == sorted(f"pp{n}" for n in range(7)), sort


@pytest.fixture
def steady(client_user):
    """A freelancer with two positive reviews from two clients: a success score of +100%,
    which the reveals have only marked stale on the profile so far."""
    person = freelancer_with("steady", "Steady hand", ["Go"])
    review(client_user, person, 5)
    review(make_user("client", username="second_client"), person, 5)
    return person


def test_a_reveal_marks_the_success_copy_and_the_sweeper_brings_it_up_to_date(api, steady):
    profile = FreelancerProfile.objects.get(user=steady)
    assert profile.success_stale_since is not None
    assert profile.success_score is None
    assert success_scores_refresh() == 1
    assert success_scores_refresh() == 0
    profile.refresh_from_db()
    assert profile.success_stale_since is None
    assert profile.success_score == 1.0
    assert names(api(None).get("/freelancers", min_success="0.5")) == ["steady"]


def test_a_reveal_during_a_refresh_keeps_the_copy_stale_for_the_next_pass(
    steady, client_user, monkeypatch
):
    from twoway.reputation import selectors

    computed = selectors.success_outcomes_many

    def with_a_reveal_meanwhile(*args, **kwargs):
        outcomes = computed(*args, **kwargs)
        review(client_user, steady, 1)  # lands after the batch was read
        return outcomes

    monkeypatch.setattr(selectors, "success_outcomes_many", with_a_reveal_meanwhile)
    assert success_scores_refresh() == 0  # the score read before the reveal is not written
    monkeypatch.setattr(selectors, "success_outcomes_many", computed)
    assert FreelancerProfile.objects.get(user=steady).success_stale_since is not None
    assert success_scores_refresh() == 1
    # Two positive contracts and a negative one, same value tier: (2 - 1) / 3.
    assert FreelancerProfile.objects.get(user=steady).success_score == 0.33


def test_search_refreshes_success_scores_the_sweeper_is_late_with(api, steady, clock, settings):
    clock.advance(seconds=settings.SWEEP_INTERVAL.total_seconds() + 1)
    assert names(api(None).get("/freelancers", min_success="0.5")) == ["steady"]
    assert not FreelancerProfile.objects.filter(success_stale_since__isnull=False).exists()


def test_a_bad_sort_or_cursor_is_a_clear_error(api, people):
    assert api(None).get("/freelancers", sort="best").status_code == 422
    response = api(None).get("/freelancers", cursor="not-a-cursor")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_cursor"


def test_search_lists_take_a_fixed_number_of_queries(
    api, client_user, django_assert_max_num_queries
):
    for n in range(12):
        person = freelancer_with(f"qq{n}", "Data analyst", ["SQL", "Excel"])
        if n % 3 == 0:
            review(client_user, person, 5)
    anon = api(None)
    # The sweeper's two overdue probes (reveals, success scores), the words, the page, skills.
    with django_assert_max_num_queries(7):
        assert len(anon.get("/freelancers", q="analyst", limit=20).json()["items"]) == 12
    for n in range(12):
        make_job(make_user("client"), title=f"Analyse sales data {n}")
    with django_assert_max_num_queries(10):
        assert len(anon.get("/jobs", q="sales", limit=20).json()["items"]) == 12


def test_jobs_by_keyword_skill_budget_and_client_record(api, client_user, freelancer):
    good = make_user("client", username="goodclient")
    make_job(good, title="Logo for a bakery", skills=["Logo design"], budget_cents=40_000)
    make_job(client_user, title="Logo for a gym", skills=["Logo design"], budget_cents=90_000)
    for _ in range(2):
        contract = make_contract(good, make_user("freelancer"), paid_cents=10_000, ended=True)
        feedback_submit(actor=contract.freelancer, contract_id=contract.pk, **freelancer_feedback())
        feedback_submit(actor=good, contract_id=contract.pk, **client_feedback())
    anon = api(None)
    titles = lambda **p: [j["title"] for j in anon.get("/jobs", **p).json()["items"]]  # noqa: E731
    assert set(titles(q="logo")) == {"Logo for a bakery", "Logo for a gym"}
    assert titles(q="bakery") == ["Logo for a bakery"]
    assert titles(q="logo", budget_min_cents=50_000) == ["Logo for a gym"]
    assert titles(q="logo", min_client_score="4.0") == ["Logo for a bakery"]
    record = anon.get("/jobs", q="bakery").json()["items"][0]["client"]
    assert record["review_count"] == 2
    assert Decimal(str(record["feedback_score"])) == Decimal("4.33")


@pytest.mark.parametrize("sort", ["ranking", "score", "reviews", "relevance"])
def test_a_skill_filter_finds_the_same_people_by_either_plan(api, people, monkeypatch, sort):
    """A common skill is checked while walking the sort's index, a rare one is read first: both
    plans must give the same pages."""
    from twoway.search import selectors

    def pages(share):
        monkeypatch.setattr(selectors, "COMMON_SKILL_SHARE", share)
        selectors.cache.clear()
        seen, cursor = [], None
        while True:
            params = {"skill": "Django", "sort": sort, "limit": 1}
            if sort == "relevance":
                params["q"] = "django"
            if cursor:
                params["cursor"] = cursor
            body = api(None).get("/freelancers", **params).json()
            seen += [item["user"]["username"] for item in body["items"]]
            cursor = body["next"]
            if not cursor:
                return seen

    walked, read_first = pages(0.0), pages(1.1)
    assert walked == read_first
    assert sorted(walked) == ["djdev", "newbie"]


# --- Whole words, prefixes and the ranking bands (a tiered index) -------------------------------


def stored_band(person) -> int:
    """The ranking band the search index holds for a freelancer's document."""
    from django.db import connection

    from twoway.search import backend

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT array_agg(lexeme) FROM search_freelancer, unnest(document) "
                "WHERE id = %s AND lexeme LIKE '~%%'",
                [person.pk],
            )
            lexemes = cursor.fetchone()[0]
            assert len(lexemes) == 1, lexemes
            return int(lexemes[0][1:])
        cursor.execute("SELECT tier FROM search_freelancer WHERE rowid = %s", [person.pk])
        token = cursor.fetchone()[0]
        assert token.startswith("t")
        band = int(token[1:])
    assert 0 <= band < backend.TIERS
    return band


def expected_band(person) -> int:
    from twoway.accounts.models import FreelancerProfile
    from twoway.search import backend

    return backend.tier_of(FreelancerProfile.objects.get(user=person).sort_ranking)


@pytest.mark.parametrize(
    ("ranking", "band"),
    [(5.0, 0), (4.5, 0), (4.49, 1), (3.0, 3), (2.0, 5), (1.99, 6), (0.0, 6), (-1.0, 7), (None, 7)],
)
def test_ranking_bands_have_fixed_floors(ranking, band):
    from twoway.search import backend

    assert backend.tier_of(ranking) == band


def test_a_whole_word_matches_whole_words_and_a_fragment_the_start_of_one(api, client_user):
    freelancer_with("javaeng", "Java engineer", ["Java"])
    freelancer_with("jsdev", "JavaScript developer", ["JavaScript"])
    anon = api(None)
    assert names(anon.get("/freelancers", q="java")) == ["javaeng"]
    assert names(anon.get("/freelancers", q="javascr")) == ["jsdev"]
    assert set(names(anon.get("/freelancers", q="jav"))) == {"javaeng", "jsdev"}
    assert names(anon.get("/freelancers", q="engineers")) == ["javaeng"]  # stemmed, whole


def test_the_index_keeps_each_freelancers_band_as_reviews_arrive(api, client_user):
    person = freelancer_with("rising", "Mural painter", ["Illustration"])
    assert stored_band(person) == expected_band(person) == 7  # no reviews yet
    for _ in range(6):
        review(client_user, person, 5)
    assert expected_band(person) < 7
    assert stored_band(person) == expected_band(person)
    review(client_user, person, 1)
    assert stored_band(person) == expected_band(person)


def test_recompute_puts_every_document_back_in_its_band(client_user):
    from twoway.reputation.services import reputation_recompute
    from twoway.search import backend

    rated = freelancer_with("rated", "Mural painter", ["Illustration"])
    for _ in range(3):
        review(client_user, rated, 5)
    unrated = freelancer_with("unrated", "Mural painter", ["Illustration"])
    backend.retier(rated.pk, 7)
    backend.retier(unrated.pk, 0)
    assert (stored_band(rated), stored_band(unrated)) == (7, 0)
    reputation_recompute()
    assert stored_band(rated) == expected_band(rated) < 7
    assert stored_band(unrated) == expected_band(unrated) == 7


@pytest.fixture
def painters(client_user):
    """Six matches of "painter" in three ranking bands: two well reviewed, two reviewed once,
    two without reviews; the second of each pair is cheap."""
    people = {}
    for name, reviews, rate in [
        ("star1", 6, 9000),
        ("star2", 6, 2000),
        ("once1", 1, 9000),
        ("once2", 1, 2000),
        ("new1", 0, 9000),
        ("new2", 0, 2000),
    ]:
        person = freelancer_with(name, "House painter", ["Painting"], rate)
        for _ in range(reviews):
            review(client_user, person, 5)
        people[name] = person
    bands = {name: expected_band(person) for name, person in people.items()}
    assert bands["star1"] == bands["star2"] < bands["once1"] == bands["once2"] < bands["new1"]
    return people


def test_relevance_ranks_every_match_up_to_the_bound(api, painters):
    assert len(names(api(None).get("/freelancers", q="painter"))) == 6


def test_past_the_bound_relevance_ranks_the_best_ranked_bands(api, painters, monkeypatch):
    from twoway.search import selectors

    monkeypatch.setattr(selectors, "RELEVANCE_CANDIDATES", 4)
    anon = api(None)
    assert set(names(anon.get("/freelancers", q="painter"))) == {
        "star1",
        "star2",
        "once1",
        "once2",
    }
    monkeypatch.setattr(selectors, "RELEVANCE_CANDIDATES", 2)
    assert set(names(anon.get("/freelancers", q="painter"))) == {"star1", "star2"}
    # Filters apply while drawing candidates: the cheap ones of every band are still found.
    cheap = names(anon.get("/freelancers", q="painter", rate_max_cents=3000))
    assert set(cheap) == {"star2", "once2"}
    # Other sorts are not bounded.
    assert len(names(anon.get("/freelancers", q="painter", sort="ranking"))) == 6


def test_cursor_pages_walk_the_bounded_candidates_once(api, painters, monkeypatch):
    from twoway.search import selectors

    monkeypatch.setattr(selectors, "RELEVANCE_CANDIDATES", 3)
    seen, cursor = [], None
    while True:
        params = {"q": "painter", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        body = api(None).get("/freelancers", **params).json()
        seen += [item["user"]["username"] for item in body["items"]]
        cursor = body["next"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 3
    assert {"star1", "star2"} < set(seen)
