"""The leak-hunting matrix behind ``test_visibility.py``: a small marketplace built in each
feedback state, a model of who may see what, and every read path that could show feedback.

Everything a viewer might wrongly see carries a marker: the comments say "MARKER-PUBLIC-…",
the private notes "MARKER-PRIVATE-…", the response "MARKER-RESPONSE-…", and the stars follow a
pattern no other feedback has (1.33 and 1.17 overall; 1-2-1-2-1-1 and 1-1-2-1-1-1 by
criterion). A leak is then a search for a marker in what the server sent.

The cast of the contract under test: Carol (client) and Fred (freelancer). Around it, baseline
contracts give both a record to compare against: Carol hired Rita (who complained of not being
paid), Bob hired Fred (five stars). Sam is the stranger, Olive the operator.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client, override_settings

from tests.conftest import make_job, make_proposal, make_user
from twoway.accounts.models import User
from twoway.accounts.services import api_token_create
from twoway.contracts.models import Contract
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.feedback import rules, services
from twoway.feedback.selectors import REMOVED, REVEALED, SEALED
from twoway.notifications.services import notifications_deliver_pending

# --- The states of the contract under test ---------------------------------------------------
ONLY_CLIENT_SEALED = "sealed"  # only Carol submitted; the window is open
ONLY_FREELANCER_SEALED = "sealed-by-freelancer"  # only Fred submitted; the window is open
BOTH_REVEALED = "revealed"  # both submitted (reveal); Fred responded to Carol's feedback
REVEALED_AT_CLOSE = "revealed-at-close"  # only Carol submitted; the window passed, no sweeper
BOTH_REMOVED = "removed"  # both revealed, Fred responded, then the operator removed both
RESPONSE_REMOVED = "response-removed"  # both revealed; the operator removed Fred's response
STATES = [
    ONLY_CLIENT_SEALED,
    ONLY_FREELANCER_SEALED,
    BOTH_REVEALED,
    REVEALED_AT_CLOSE,
    BOTH_REMOVED,
    RESPONSE_REMOVED,
]
# Every aggregate reads exactly as before the contract's feedback in these states.
UNCHANGED = {ONLY_CLIENT_SEALED, ONLY_FREELANCER_SEALED}
# ... and in this one, except for the "removed for violating policy" placeholders.
AS_IF_NEVER_GIVEN = {BOTH_REMOVED}
# How far past the window's close the revealed-at-close state is read.
PAST_THE_CLOSE = timedelta(days=15)

VIEWERS = ["author", "rated", "stranger", "anonymous", "operator"]
REMOVED_MESSAGE = "Removed for violating policy."
REMOVED_CARD = "This feedback was removed for violating policy."
REMOVED_RESPONSE = "The response was removed for violating policy."
THEY_LEFT_THEIRS = "They left theirs — leave yours to see it"
CONTRACT_TITLE = "Leak hunt: a data pipeline for the warehouse"
PAID = 100_000


@dataclass(frozen=True)
class Spec:
    """What one party writes. Only the contract under test has secret public parts."""

    key: str
    role: str
    stars: tuple[int, ...]
    comment: str
    note: str
    would_work_again: int
    reason: str
    secret_public: bool = False
    response: str = ""  # the text the person rated answers with, if they do

    @property
    def ratings(self) -> dict[str, int]:
        return dict(zip(rules.CRITERIA[self.role], self.stars, strict=True))

    @property
    def overall(self) -> str:
        return str(rules.overall_score(self.stars))

    def submit_kwargs(self) -> dict[str, Any]:
        return {
            "ratings": self.ratings,
            "comment": self.comment,
            "private_reason": self.reason,
            "would_work_again": self.would_work_again,
            "private_note": self.note,
        }


# The contract under test. The comments carry themes (deadlines/quality; non-payment/scope),
# so a sealed comment leaking into themes or warnings shows up as a marker too.
BY_CLIENT = Spec(
    key="client",
    role=rules.CLIENT,
    stars=(1, 2, 1, 2, 1, 1),  # 1.33
    comment="MARKER-PUBLIC-CLIENT-51bd: missed every deadline and the code quality was poor.",
    note="MARKER-PRIVATE-CLIENT-9e04 do not hire again",
    would_work_again=3,
    reason="quality",
    secret_public=True,
    response="MARKER-RESPONSE-FREELANCER-4b71: the brief changed twice.",
)
BY_FREELANCER = Spec(
    key="freelancer",
    role=rules.FREELANCER,
    stars=(1, 1, 2, 1, 1, 1),  # 1.17
    comment="MARKER-PUBLIC-FREELANCER-7f3a: we were never paid for the final milestone "
    "and the scope kept changing.",
    note="MARKER-PRIVATE-FREELANCER-c2d8 chargeback risk",
    would_work_again=2,
    reason="payment",
    secret_public=True,
)
# The baseline: public from the start, so only their private parts are secrets.
CAROL_ON_RITA = Spec(
    "carol-on-rita",
    rules.CLIENT,
    (5, 4, 5, 4, 5, 4),
    "Solid work, delivered on time.",
    "MARKER-PRIVATE-BASELINE-CAROL-ON-RITA",
    9,
    "completed",
)
RITA_ON_CAROL = Spec(
    "rita-on-carol",
    rules.FREELANCER,
    (3, 3, 3, 3, 3, 3),
    "We never got paid for the final milestone.",
    "MARKER-PRIVATE-BASELINE-RITA-ON-CAROL",
    6,
    "payment",
)
BOB_ON_FRED = Spec(
    "bob-on-fred",
    rules.CLIENT,
    (5, 5, 5, 5, 5, 5),
    "Excellent work, great communication.",
    "MARKER-PRIVATE-BASELINE-BOB-ON-FRED",
    10,
    "completed",
)
FRED_ON_BOB = Spec(
    "fred-on-bob",
    rules.FREELANCER,
    (5, 5, 5, 5, 5, 4),
    "Clear brief, paid on time.",
    "MARKER-PRIVATE-BASELINE-FRED-ON-BOB",
    8,
    "completed",
)
SPECS = [BY_CLIENT, BY_FREELANCER, CAROL_ON_RITA, RITA_ON_CAROL, BOB_ON_FRED, FRED_ON_BOB]


# --- Finding markers ---------------------------------------------------------------------------


def _number(value: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\d.])" + re.escape(value) + r"(?![\d.])")


def token(text: str) -> str:
    """The marker a text starts with: "MARKER-PUBLIC-CLIENT-51bd: missed…" → its first word."""
    return text.split(":")[0].split()[0]


def _patterns() -> dict[str, list[re.Pattern[str]]]:
    found: dict[str, list[re.Pattern[str]]] = {}
    for spec in SPECS:
        found[f"private:{spec.key}"] = [
            re.compile(re.escape(token(spec.note))),
            re.compile(rf"Would work again: {spec.would_work_again}/10"),
            re.compile(rf'"would_work_again": ?{spec.would_work_again}\b'),
        ]
        if spec.secret_public:
            found[f"public:{spec.key}"] = [re.compile(re.escape(token(spec.comment)))]
            found[f"stars:{spec.key}"] = [_number(spec.overall)]
        if spec.response:
            found[f"response:{spec.key}"] = [re.compile(re.escape(token(spec.response)))]
    return found


PATTERNS = _patterns()
_CRITERIA_LIST = re.compile(r'<dl class="criteria">(.*?)</dl>', re.S)
_CRITERION = re.compile(r"<dd>(.*?)</dd>", re.S)
_STARS = re.compile(r"(?<![\d.])([1-5])(?![\d.])")


def _json_dicts(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _json_dicts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_dicts(value)


def star_patterns(source: str) -> list[tuple[int, ...]]:
    """The stars of each feedback card on a page, criterion by criterion."""
    patterns = []
    for block in _CRITERIA_LIST.findall(source):
        values = [_STARS.search(re.sub(r"<[^>]+>", " ", dd)) for dd in _CRITERION.findall(block)]
        patterns.append(tuple(int(value[1]) for value in values if value))
    return patterns


def markers_in(text: str) -> set[str]:
    """Every marker found in ``text`` (HTML, JSON, or an email)."""
    found = {name for name, patterns in PATTERNS.items() if any(p.search(text) for p in patterns)}
    secret = [spec for spec in SPECS if spec.secret_public]
    for stars in star_patterns(text):
        found |= {f"stars:{spec.key}" for spec in secret if stars == spec.stars}
    # The stars in JSON, wherever they are nested.
    try:
        data = json.loads(text)
    except ValueError:
        return found
    for item in _json_dicts(data):
        found |= {f"stars:{spec.key}" for spec in secret if item == spec.ratings}
    return found


def assert_no_leak(text: str, forbidden: set[str], *, where: str) -> None:
    leaked = markers_in(text) & forbidden
    assert not leaked, f"{where}: leaked {sorted(leaked)}"


def assert_shown(text: str, expected: set[str], *, where: str) -> None:
    missing = expected - markers_in(text)
    assert not missing, f"{where}: should show {sorted(missing)}"


# --- The world ---------------------------------------------------------------------------------


@dataclass
class Given:
    """One feedback in the world and its state, as the model sees it."""

    spec: Spec
    pk: int
    author: User
    subject: User
    contract_id: int
    state: str  # sealed | revealed | removed
    response: str | None = None  # published | removed

    @property
    def key(self) -> str:
        return self.spec.key

    def markers(self) -> set[str]:
        names = {f"private:{self.key}"}
        if self.spec.secret_public:
            names |= {f"public:{self.key}", f"stars:{self.key}"}
        if self.spec.response:
            names.add(f"response:{self.key}")
        return names

    def privileged(self, viewer: User | None) -> bool:
        """Sees it whole, private part included, in every state: its author and operators."""
        return viewer is not None and (viewer.is_staff or viewer.pk == self.author.pk)

    def reads_response(self, viewer: User | None) -> bool:
        """Reads the response even once removed: its author (the person rated), operators."""
        return viewer is not None and (viewer.is_staff or viewer.pk == self.subject.pk)

    def hidden_from(self, viewer: User | None) -> bool:
        """Must not even learn it exists: everyone but its two parties and operators, while
        sealed."""
        knows = viewer is not None and viewer.pk == self.subject.pk
        return self.state == SEALED and not (self.privileged(viewer) or knows)

    def shown(self, viewer: User | None) -> set[str]:
        """The markers a page or response showing this feedback gives ``viewer``."""
        if not (self.privileged(viewer) or self.state == REVEALED):
            return set()
        names = set()
        if self.spec.secret_public:
            names |= {f"public:{self.key}", f"stars:{self.key}"}
        if self.privileged(viewer):
            names.add(f"private:{self.key}")
        readable = self.response == "published" or self.reads_response(viewer)
        if self.response is not None and self.state != SEALED and readable:
            names.add(f"response:{self.key}")
        return names

    def may_see(self, viewer: User | None) -> set[str]:
        names = self.shown(viewer)
        if self.response is not None and viewer is not None and viewer.pk == self.subject.pk:
            names.add(f"response:{self.key}")  # their own words
        return names

    def placeholder(self, viewer: User | None) -> dict[str, Any] | None:
        """The whole of what the API gives a viewer it hides the content from, or None when
        the viewer gets the feedback (or nothing at all: see ``hidden_from``)."""
        if self.privileged(viewer) or self.hidden_from(viewer):
            return None
        if self.state == SEALED:
            return {"status": "sealed"}
        if self.state == REMOVED:
            return {"status": "removed", "id": self.pk, "message": REMOVED_MESSAGE}
        return None


@dataclass
class World:
    state: str
    people: dict[str, User]
    tokens: dict[int, str]
    contract: Contract
    contracts: dict[str, Contract]
    given: dict[str, Given] = field(default_factory=dict)
    emails: list[EmailMessage] = field(default_factory=list)
    baseline: dict[str, Result] = field(default_factory=dict)

    @property
    def carol(self) -> User:
        return self.people["carol"]

    @property
    def fred(self) -> User:
        return self.people["fred"]

    @property
    def under_test(self) -> Given:
        """The feedback whose author and person rated are the matrix's viewers."""
        key = BY_FREELANCER.key if self.state == ONLY_FREELANCER_SEALED else BY_CLIENT.key
        return self.given[key]

    def viewer(self, name: str) -> User | None:
        return {
            "author": self.under_test.author,
            "rated": self.under_test.subject,
            "stranger": self.people["sam"],
            "operator": self.people["olive"],
            "anonymous": None,
        }[name]

    def on_contract(self) -> list[Given]:
        return [g for g in self.given.values() if g.contract_id == self.contract.pk]

    def about(self, person: User) -> list[Given]:
        """The public history of ``person`` in their one role (sealed feedback is not in it)."""
        return [g for g in self.given.values() if g.subject.pk == person.pk and g.state != SEALED]

    def forbidden(self, viewer: User | None) -> set[str]:
        names: set[str] = set()
        for given in self.given.values():
            names |= given.markers() - given.may_see(viewer)
        return names

    def every_marker(self) -> set[str]:
        names: set[str] = set()
        for given in self.given.values():
            names |= given.markers()
        return names

    def forbidden_if_all_sealed(self, viewer: User | None) -> set[str]:
        """What ``viewer`` must not see if every feedback on the contract were still sealed:
        the test's leak check, applied to revealed content, must trip on this."""
        names: set[str] = set()
        for given in self.on_contract():
            if not given.privileged(viewer):
                names |= given.markers()
        return names


@dataclass
class Result:
    status: int
    text: str
    data: Any = None
    location: str = ""


# Fast password hashing (the fixture in tests.support is function-scoped); a known window,
# whatever the environment says, so the revealed-at-close state is read past it.
BUILD_SETTINGS = override_settings(
    PASSWORD_HASHERS=["tests.support.FastArgon2PasswordHasher"],
    FEEDBACK_WINDOW=PAST_THE_CLOSE - timedelta(days=1),
)


def _hire(client: User, freelancer: User, title: str) -> Contract:
    job = make_job(client, title=title)
    proposal = make_proposal(job, freelancer)
    contract = proposal_hire(actor=client, proposal_id=proposal.pk)
    payment_record(actor=client, contract_id=contract.pk, amount_cents=PAID)
    return contract_end(actor=client, contract_id=contract.pk)


def _submit(author: User, contract: Contract, spec: Spec) -> Given:
    feedback = services.feedback_submit(
        actor=author, contract_id=contract.pk, **spec.submit_kwargs()
    )
    subject = contract.freelancer if author.pk == contract.client_id else contract.client
    return Given(spec, feedback.pk, author, subject, contract.pk, SEALED)


def build_world(state: str, snapshot: Callable[[World], dict[str, Result]]) -> World:
    """The cast, the baseline, a snapshot of every aggregate, then the contract in ``state``.

    Runs inside the caller's transaction; at the end the emails go out, as the sweeper
    sends them.
    """
    cache.clear()
    mail.outbox = []
    with BUILD_SETTINGS:
        people = {
            name: make_user(*roles, username=f"{name}_matrix", first_name=name.title())
            for name, roles in (
                ("carol", ["client"]),
                ("fred", ["freelancer"]),
                ("sam", ["client", "freelancer"]),
                ("olive", ["client"]),
                ("rita", ["freelancer"]),
                ("bob", ["client"]),
            )
        }
        olive = people["olive"]
        olive.is_staff = olive.is_superuser = True
        olive.save(update_fields=["is_staff", "is_superuser"])
        carol, fred = people["carol"], people["fred"]
        contracts = {
            "carol-rita": _hire(carol, people["rita"], "Baseline: an online shop"),
            "bob-fred": _hire(people["bob"], fred, "Baseline: a booking calendar"),
        }
        given: dict[str, Given] = {}
        for author, contract, spec in (
            (carol, contracts["carol-rita"], CAROL_ON_RITA),
            (people["rita"], contracts["carol-rita"], RITA_ON_CAROL),
            (people["bob"], contracts["bob-fred"], BOB_ON_FRED),
            (fred, contracts["bob-fred"], FRED_ON_BOB),
        ):
            given[spec.key] = _submit(author, contract, spec)
        for item in given.values():
            item.state = REVEALED
        contract = _hire(carol, fred, CONTRACT_TITLE)
        tokens = {
            person.pk: api_token_create(user=person, name="matrix")[1]
            for person in (carol, fred, people["sam"], olive)
        }
        world = World(state, people, tokens, contract, contracts, given)
        if state != RESPONSE_REMOVED:  # (nothing there is compared with the baseline)
            world.baseline = snapshot(world)
        _bring_to(world, state)
    notifications_deliver_pending()  # the sweeper's email
    world.emails = list(mail.outbox)
    contract.refresh_from_db()
    return world


def _bring_to(world: World, state: str) -> None:
    carol, fred, olive = world.carol, world.fred, world.people["olive"]
    contract = world.contract
    if state == ONLY_FREELANCER_SEALED:
        world.given[BY_FREELANCER.key] = _submit(fred, contract, BY_FREELANCER)
        return
    by_client = world.given[BY_CLIENT.key] = _submit(carol, contract, BY_CLIENT)
    if state in (ONLY_CLIENT_SEALED, REVEALED_AT_CLOSE):
        by_client.state = REVEALED if state == REVEALED_AT_CLOSE else SEALED
        return
    by_freelancer = world.given[BY_FREELANCER.key] = _submit(fred, contract, BY_FREELANCER)
    by_client.state = by_freelancer.state = REVEALED
    services.feedback_respond(actor=fred, feedback_id=by_client.pk, text=BY_CLIENT.response)
    by_client.response = "published"
    if state == BOTH_REMOVED:
        for item in (by_client, by_freelancer):
            services.feedback_remove(operator=olive, feedback_id=item.pk, note="matrix")
            item.state = REMOVED
    elif state == RESPONSE_REMOVED:
        services.response_remove(operator=olive, feedback_id=by_client.pk, note="matrix")
        by_client.response = "removed"


# --- Reading -----------------------------------------------------------------------------------


class _Browser(Client):
    """One test client for the whole module: a new ``Client`` loads the middleware again, and
    WhiteNoise's start-up (a scan of every static file) would cost more than the request."""

    def fresh(self, viewer: User | None) -> Client:
        self.cookies.clear()
        if viewer is not None:
            self.force_login(viewer)
        return self


BROWSER = _Browser()


def api_get(world: World, viewer: User | None, path: str, **params: Any) -> Result:
    """GET /api/v1``path`` as ``viewer`` (a bearer token) or anonymously."""
    cache.clear()  # the "everyone's average" is cached: read the database every time
    headers = {} if viewer is None else {"Authorization": f"Bearer {world.tokens[viewer.pk]}"}
    response = BROWSER.fresh(None).get("/api/v1" + path, params, headers=headers)
    text = response.content.decode()
    data = json.loads(text) if response["Content-Type"].startswith("application/json") else None
    return Result(response.status_code, text, data)


def page_get(viewer: User | None, path: str, **params: Any) -> Result:
    """GET a page as ``viewer`` (a session) or anonymously; entities decoded."""
    cache.clear()
    response = BROWSER.fresh(viewer).get(path, params)
    return Result(
        response.status_code,
        html.unescape(response.content.decode()),
        location=response.get("Location", ""),
    )


class _Element(HTMLParser):
    """Finds the outer HTML of the first element carrying an attribute value."""

    def __init__(self, source: str, attr: str, value: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source, self.attr, self.value = source, attr, value
        # HTMLParser counts lines by "\n" only.
        self.lines = [0, *(match.end() for match in re.finditer("\n", source))]
        self.tag = ""
        self.depth = 0
        self.start = self.end = -1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end >= 0:
            return
        if self.depth:
            self.depth += tag == self.tag
        elif (self.attr, self.value) in attrs:
            self.tag, self.depth, self.start = tag, 1, self._offset()

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.tag:
            self.depth -= 1
            if not self.depth:
                self.end = self._offset() + len(f"</{tag}>")


def element(source: str, value: str, attr: str = "data-testid") -> str:
    """The outer HTML of the element with ``attr="value"`` ("" when there is none)."""
    finder = _Element(source, attr, value)
    finder.feed(source)
    finder.close()
    return source[finder.start : finder.end] if finder.end >= 0 else ""


CARD_ID = re.compile(r'<(?:article|div) class="feedback-card[^"]*" id="feedback-(\d+)"')


def card_ids(source: str) -> list[int]:
    return [int(pk) for pk in CARD_ID.findall(source)]


def plain(source: str) -> str:
    """Markup without tags and with collapsed whitespace, for comparing what a page says."""
    return " ".join(re.sub(r"<[^>]+>", " ", source).split())
