"""The words of a generated marketplace: names, skills, titles, descriptions, cover letters,
feedback comments, responses and reports, built once per run into banks.

Everything a generated row says comes from a bank entry picked at random, so a million rows
cost a million list lookups, not a million sentence compositions. The sentences are the demo's
(``core.demo.catalogue`` and ``core.demo.comments``), so generated data reads like the demo.
Comment themes are tagged once per bank entry with ``reputation.themes.tag_comment``.

Names: bank texts that mention the person rated hold the placeholder ``NAME`` below; a row
replaces it with the real first name (and so does the theme evidence quoted from it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from twoway.core.demo import catalogue, comments
from twoway.core.skills import skill_slug
from twoway.reputation.themes import tag_comment
from twoway.reputation.warnings import THEME_WARNINGS

WARNING_THEMES = tuple(THEME_WARNINGS)  # non_payment, scope_change, respect

# A placeholder no sentence contains; the tagger reads it as an ordinary proper name.
NAME = "Zephyrine"

FIRST_NAMES = (  # noqa: SIM905 - word lists read best as text
    "Aaliyah Aaron Abdul Ada Adam Adebayo Aditi Adrian Aiko Aisha Alba Alejandro Alex Alice "
    "Amara Amir Ana Andrea Andrei Anika Anna Arjun Astrid Ayesha Bea Ben Bianca Bilal Bruno "
    "Camila Carlos Carmen Chen Chiara Chloe Chris Clara Dana Daniel Dara David Deepa Diana "
    "Diego Dmitri Elena Eli Elif Emma Emre Erik Esther Ethan Eva Fatima Felipe Femi Fiona "
    "Freya Gabriel Grace Hana Hannah Hassan Helena Hiro Ian Ines Ingrid Irene Isaac Ivan Jade "
    "James Jana Javier Jin Joao Jonas Jordan Jose Julia Kai Karim Kate Kenji Kofi Lara Laura "
    "Leila Leo Liam Lina Lucas Lucia Luis Maja Malik Marco Maria Marta Mateo Maya Mei Mia "
    "Mohamed Nadia Naomi Nia Nikhil Nina Noah Nora Oliver Olga Omar Oscar Pablo Paula Pedro "
    "Priya Rafael Rahul Rania Ravi Rosa Ruth Sam Sara Selin Sofia Sven Tariq Tom Tomas Uma "
    "Valentina Victor Wei Yara Yusuf Zara Zoe"
).split()
LAST_NAMES = (  # noqa: SIM905 - word lists read best as text
    "Abbott Adeyemi Ahmed Alvarez Andersen Bailey Banerjee Becker Bianchi Brooks Campbell "
    "Castro Chen Costa Cruz Das Davies Diaz Dubois Edwards Evans Fischer Fernandez Fontaine "
    "Garcia Gomez Gonzalez Gupta Hall Hansen Hoffmann Hughes Ibrahim Ivanova Jansen Jensen "
    "Johnson Kaur Khan Kim Klein Kowalski Kumar Larsen Laurent Lee Lopez Martin Martinez "
    "Meyer Mendes Moreau Morris Murphy Nakamura Nguyen Novak Nowak Obi Okafor Olsen Ortiz "
    "Park Patel Perez Petrov Phillips Popescu Price Quinn Ramirez Reddy Reyes Ricci Rivera "
    "Roberts Rodriguez Romano Rossi Sanchez Santos Sato Schmidt Schneider Shah Silva Singh "
    "Smith Sousa Suzuki Tanaka Taylor Thomas Torres Turner Vargas Walker Wang Weber Williams "
    "Wilson Wong Wright Yamamoto Yilmaz Young Zhang Zimmermann"
).split()
COMPANY_FIRST = (  # noqa: SIM905 - word lists read best as text
    "Acme Blue Bright Cedar Clear Copper Delta Ember Evergreen Fable Granite Harbor Indigo "
    "Juniper Kite Lumen Maple Nimbus North Oak Orbit Pine Quill River Sage Silver Summit Tidal "
    "Urban Vista Willow Zenith"
).split()
COMPANY_SECOND = (  # noqa: SIM905 - word lists read best as text
    "Analytics Apps Bakery Books Capital Clinic Coffee Collective Consulting Design Digital "
    "Foods Health Holdings Labs Learning Logistics Media Outdoors Partners Press Retail "
    "Robotics Studio Supply Systems Travel Ventures Wellness Works"
).split()
CITIES = (
    "Lisbon",
    "Warsaw",
    "Lagos",
    "Manila",
    "Bangalore",
    "Buenos Aires",
    "Toronto",
    "Berlin",
    "Nairobi",
    "Mexico City",
    "Kyiv",
    "Cape Town",
    "Austin",
    "Jakarta",
    "Madrid",
)
TIMEZONES = ("US Eastern", "US Pacific", "UK", "Central European", "Australian Eastern")

# Market shares of the professions: how many freelancers practise each, and how much of the
# clients' demand goes to each (kept equal, so no profession is starved or flooded).
PROFESSION_SHARES = {
    "web": 20,
    "design": 14,
    "writing": 14,
    "marketing": 10,
    "data": 8,
    "mobile": 7,
    "devops": 5,
    "translation": 7,
    "video": 6,
    "support": 5,
    "finance": 4,
}
PROFESSIONS = tuple(PROFESSION_SHARES)

TITLE_PREFIXES = ("", "", "", "", "Urgent: ", "Long-term: ")
TITLE_SUFFIXES = ("", "", "", " (ongoing)", " for a small business", " for our startup")
JOB_SKILL_VARIANTS = 4  # a job's skills: variant (job id % 4) of its template's skills
FREELANCER_SKILL_VARIANTS = 5  # a freelancer's: variant (user id % 5) of their title's skills

# Feedback tones, best first. Overall scores: A 5.00, B 4.83, C 4.50-4.67, D 3.00-4.33,
# E 2.00-2.83 (a comment is required below 3), F 1.00-1.83.
TONES = "ABCDEF"
TONE_COMMENT_STYLE = {
    "A": comments.GLOWING,
    "B": comments.GLOWING,
    "C": comments.POSITIVE,
    "D": comments.MIXED,
    "E": comments.NEGATIVE,
    "F": comments.AWFUL,
}
TONE_STAR_SUMS = {
    "A": (30, 30),
    "B": (29, 29),
    "C": (27, 28),
    "D": (18, 26),
    "E": (12, 17),
    "F": (6, 11),
}
# Banks of comments: about a freelancer; about a client; about a good client (one whose
# critics mention communication or deadlines, never money, scope or abuse: those are what
# raise warnings on a record, and they belong to the clients who earn them); about a client
# who did not pay.
ABOUT_FREELANCER, ABOUT_CLIENT, ABOUT_GOOD_CLIENT, ABOUT_POOR_PAYER = "F", "C", "G", "P"

REPORT_DETAILS = (
    "",
    "",
    "This review is not about the work at all.",
    "They are retaliating because I asked to be paid.",
    "The comment names a person who was not part of the contract.",
    "They asked me for a refund in exchange for changing this review.",
)
REMOVAL_NOTES = (
    "Upheld report: the review was used as leverage.",
    "Upheld report: not about the work.",
    "Upheld report: contains private information.",
)
RESOLUTION_NOTES = (
    "Reviewed: the comment describes the work; it stays.",
    "Reviewed: no policy violation found.",
    "Upheld: removed for violating policy.",
)


@dataclass(frozen=True)
class Theme:
    theme: str
    polarity: str
    evidence: str
    named: bool  # the evidence holds NAME
    warns: bool  # a complaint of a kind that raises a warning on a client's record


@dataclass(frozen=True)
class Comment:
    text: str
    named: bool  # the text holds NAME
    themes: tuple[Theme, ...]


@dataclass
class Banks:
    """Every bank a run picks from. Built once per run from the seed."""

    skills: list[tuple[int, str, str]]  # (id, name, slug)
    skill_ids: dict[str, int]
    # Jobs: per template (index into catalogue.JOB_TEMPLATES).
    job_templates: tuple[catalogue.JobTemplate, ...]
    templates_by_profession: dict[int, list[int]]
    template_profession: list[int]
    job_titles: list[list[str]]  # per template, its title variants
    job_descriptions: list[list[str]]  # per template
    job_skill_rows: list[tuple[str, int, int]]  # (title variant, variant, skill id)
    cover_letters: list[list[str]]  # per template; they sign with NAME
    # Freelancers: per profession.
    profession_titles: list[tuple[str, ...]]
    overviews: list[list[str]]
    freelancer_skill_rows: list[tuple[str, int, int]]  # (title, variant, skill id)
    rates: list[tuple[int, int]]  # dollars an hour
    milestones: list[tuple[str, str, str]]
    # Feedback: (side, tone letter) -> comments; side F (about a freelancer), C (about a
    # client), P (about a client who did not pay).
    comments: dict[tuple[str, str], list[Comment]] = field(default_factory=dict)
    from_poor_payer: list[Comment] = field(default_factory=list)
    notes: dict[tuple[bool, bool], tuple[str, ...]] = field(
        default_factory=dict
    )  # by client?, kind?
    responses: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def theme_tagged(self) -> int:
        every = [c for bank in self.comments.values() for c in bank] + self.from_poor_payer
        return sum(1 for c in every if c.themes)


def _comment(text: str) -> Comment:
    themes = tuple(
        Theme(
            tag.theme,
            tag.polarity,
            tag.evidence[:400],
            NAME in tag.evidence,
            tag.polarity == "complaint" and tag.theme in WARNING_THEMES,
        )
        for tag in tag_comment(text)
    )
    return Comment(text=text, named=NAME in text, themes=themes)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def build_banks(rng: random.Random, *, per_tone: int = 120) -> Banks:
    """Compose every bank. ``per_tone`` comments per (side, tone): a few hundred distinct
    comments per side is more variety than a reader notices, and tagging them stays cheap."""
    professions = [catalogue.PROFESSIONS[key] for key in PROFESSIONS]
    templates = tuple(t for t in catalogue.JOB_TEMPLATES if t.category in PROFESSION_SHARES)

    names: dict[str, str] = {}
    for profession in professions:
        for name in profession.skills:
            names.setdefault(skill_slug(name), name)
    for template in templates:
        for name in template.skills:
            names.setdefault(skill_slug(name), name)
    skills = [(i, name, slug) for i, (slug, name) in enumerate(sorted(names.items()), start=1)]
    skill_ids = {name: i for i, name, _ in skills}
    by_slug = {slug: i for i, _, slug in skills}

    def skill_id(name: str) -> int:
        return by_slug[skill_slug(name)]

    templates_by_profession: dict[int, list[int]] = {p: [] for p in range(len(professions))}
    template_profession = []
    job_titles: list[list[str]] = []
    job_descriptions: list[list[str]] = []
    job_skill_rows: list[tuple[str, int, int]] = []
    cover_letters: list[list[str]] = []
    for index, template in enumerate(templates):
        profession_index = PROFESSIONS.index(template.category)
        templates_by_profession[profession_index].append(index)
        template_profession.append(profession_index)
        titles = _unique(
            [
                (prefix + template.title + suffix)[:120]
                for prefix in TITLE_PREFIXES
                for suffix in TITLE_SUFFIXES
            ]
        )
        job_titles.append(titles)
        template_skills = [skill_id(name) for name in template.skills]
        for title in titles:
            for variant in range(JOB_SKILL_VARIANTS):
                size = min(len(template_skills), 2 + (variant + len(title)) % 3)
                picked = random.Random(f"{title}/{variant}").sample(template_skills, size)
                job_skill_rows.extend((title, variant, sid) for sid in dict.fromkeys(picked))
        descriptions = []
        for _ in range(6):
            parts = [template.scope]
            if rng.random() < 0.7:
                parts.append(rng.choice(catalogue.JOB_ASKS))
            if rng.random() < 0.7:
                parts.append(
                    rng.choice(catalogue.JOB_LOGISTICS).format(timezone=rng.choice(TIMEZONES))
                )
            descriptions.append(" ".join(parts))
        job_descriptions.append(_unique(descriptions))
        profession = catalogue.PROFESSIONS[template.category]
        approach = (
            catalogue.APPROACH_FIXED
            if template.budget_type == "fixed"
            else catalogue.APPROACH_HOURLY
        )
        letters = []
        for _ in range(6):
            greeting = (
                rng.choice(catalogue.GREETINGS).format(name="there").replace("Dear there", "Hello")
            )
            hook = rng.choice(catalogue.HOOKS).format(title=template.title.lower())
            experience = rng.choice(profession.experience).format(years=rng.randint(3, 15))
            sign_off = rng.choice(catalogue.SIGN_OFFS).format(first=NAME)
            letters.append(
                f"{greeting}\n\n{hook} {experience} {rng.choice(approach)}\n\n{sign_off}"
            )
        cover_letters.append(_unique(letters))

    profession_titles = [p.titles for p in professions]
    overviews = []
    freelancer_skill_rows: list[tuple[str, int, int]] = []
    seen_titles: set[str] = set()
    for profession in professions:
        bank = []
        for _ in range(40):
            parts = rng.sample(profession.specialties, min(2, len(profession.specialties)))
            parts.insert(
                0,
                rng.choice(catalogue.TRACK_RECORDS).format(
                    years=rng.randint(2, 18), clients=rng.choice((20, 30, 40, 60, 100))
                ),
            )
            parts.append(rng.choice(catalogue.WORKING_STYLES).format(city=rng.choice(CITIES)))
            bank.append(" ".join(p.format(years=rng.randint(2, 18)) for p in parts))
        overviews.append(_unique(bank))
        own = [skill_id(name) for name in profession.skills]
        for title in profession.titles:
            if title in seen_titles:  # a title maps to one profession's skills
                continue
            seen_titles.add(title)
            for variant in range(FREELANCER_SKILL_VARIANTS):
                size = min(len(own), 3 + (variant + len(title)) % 4)
                picked = random.Random(f"{title}/{variant}").sample(own, size)
                freelancer_skill_rows.extend((title, variant, sid) for sid in dict.fromkeys(picked))

    banks = Banks(
        skills=skills,
        skill_ids=skill_ids,
        job_templates=templates,
        templates_by_profession=templates_by_profession,
        template_profession=template_profession,
        job_titles=job_titles,
        job_descriptions=job_descriptions,
        job_skill_rows=job_skill_rows,
        cover_letters=cover_letters,
        profession_titles=profession_titles,
        overviews=overviews,
        freelancer_skill_rows=freelancer_skill_rows,
        rates=[p.rate for p in professions],
        milestones=[p.milestones for p in professions],
    )
    _build_comments(rng, banks, per_tone)
    banks.notes = {
        (by_client, positive): texts
        for by_client, positive, texts in (
            (True, True, comments.NOTE_CLIENT_POSITIVE),
            (True, False, comments.NOTE_CLIENT_CRITICAL),
            (False, True, comments.NOTE_FREELANCER_POSITIVE),
            (False, False, comments.NOTE_FREELANCER_CRITICAL),
        )
    }
    banks.responses = {
        "thanks_from_freelancer": _named(comments.THANKS_FROM_FREELANCER),
        "thanks_from_client": _named(comments.THANKS_FROM_CLIENT),
        "freelancer_answers": _named(comments.FREELANCER_ANSWERS_CRITICISM),
        "client_answers": _named(comments.CLIENT_ANSWERS_CRITICISM),
        "poor_payer_disputes": _named(
            comments.POOR_PAYER_DISPUTES
            + comments.POOR_PAYER_DISPUTES_SCOPE
            + comments.POOR_PAYER_DISPUTES_PARTLY_PAID
        ),
    }
    return banks


def _named(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text.replace("{first}", NAME) for text in texts)


def _warns(comment: Comment) -> bool:
    return any(theme.warns for theme in comment.themes)


def _fields(rng: random.Random) -> comments.Fields:
    owed = rng.choice(("", "", "$350", "$780", "$1,200", "$2,450", "$4,000"))
    return comments.Fields(
        first=NAME,
        name=NAME,
        category=rng.choice(PROFESSIONS),
        owed=owed,
        weeks=rng.randint(2, 10),
        late=rng.randint(2, 12),
    )


def _build_comments(rng: random.Random, banks: Banks, per_tone: int) -> None:
    freelancer_topics = list(comments.F_COMPLAINT)
    client_topics = list(comments.C_COMPLAINT)
    for tone in TONES:
        style = TONE_COMMENT_STYLE[tone]
        low = style not in (comments.GLOWING, comments.POSITIVE)
        about_f: list[str] = []
        about_c: list[str] = []
        for _ in range(per_tone):
            topics = rng.sample(freelancer_topics, rng.choice((1, 1, 2))) if low else []
            about_f.append(
                comments.about_freelancer(
                    rng, style, topics, _fields(rng), cancelled=rng.random() < 0.06
                )
            )
            topics = rng.sample(client_topics, rng.choice((1, 1, 2))) if low else []
            about_c.append(
                comments.about_client(
                    rng, style, topics, _fields(rng), cancelled=rng.random() < 0.06
                )
            )
        banks.comments[(ABOUT_FREELANCER, tone)] = [
            _comment(text) for text in _unique(about_f) if text
        ]
        about_client = [_comment(text) for text in _unique(about_c) if text]
        banks.comments[(ABOUT_CLIENT, tone)] = about_client
        banks.comments[(ABOUT_GOOD_CLIENT, tone)] = [
            c for c in about_client if not _warns(c)
        ] or about_client
    for tone in "EF":
        poor = [
            comments.about_poor_payer(
                rng,
                _fields(rng),
                paid_nothing=rng.random() < 0.5,
                hourly=rng.random() < 0.3,
                scope=rng.random() < 0.5,
            )
            for _ in range(per_tone)
        ]
        banks.comments[(ABOUT_POOR_PAYER, tone)] = [_comment(text) for text in _unique(poor)]
    banks.from_poor_payer = [
        _comment(text)
        for text in _unique(
            [
                comments.about_freelancer(
                    rng,
                    rng.choice((comments.MIXED, comments.NEGATIVE)),
                    [],
                    _fields(rng),
                    from_poor_payer=True,
                )
                for _ in range(per_tone // 2)
            ]
        )
    ]
