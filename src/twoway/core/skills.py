"""Skills are shared tags; people type them freely, so they are normalised and created on use."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.text import slugify

from twoway.core.errors import InvalidInput
from twoway.core.models import Skill

MAX_SKILLS = 15
MAX_SKILL_LENGTH = 40
_SPACES = re.compile(r"\s+")


def skill_slug(name: str) -> str:
    """A stable key for a skill name; keeps "C", "C++" and "C#" apart."""
    spelled = name.lower().replace("+", " plus ").replace("#", " sharp ").replace(".", " dot ")
    return slugify(spelled)[:50]


def skills_clean(names: Iterable[str]) -> list[str]:
    """Trim, de-duplicate (case-insensitively) and validate a list of skill names."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = _SPACES.sub(" ", str(raw)).strip()
        if not name:
            continue
        if len(name) > MAX_SKILL_LENGTH:
            raise InvalidInput(
                f"A skill name is at most {MAX_SKILL_LENGTH} characters: {name[:50]!r}.",
                code="skill_too_long",
            )
        slug = skill_slug(name)
        if not slug:
            raise InvalidInput(f"{name!r} is not a usable skill name.", code="invalid_skill")
        if slug in seen:
            continue
        seen.add(slug)
        cleaned.append(name)
    if len(cleaned) > MAX_SKILLS:
        raise InvalidInput(f"List at most {MAX_SKILLS} skills.", code="too_many_skills")
    return cleaned


def skills_resolve(names: Iterable[str]) -> list[Skill]:
    """The Skill rows for ``names``, creating missing ones (safe under concurrent callers)."""
    cleaned = skills_clean(names)
    if not cleaned:
        return []
    by_slug = {skill_slug(name): name for name in cleaned}
    Skill.objects.bulk_create(
        [Skill(name=name, slug=slug) for slug, name in by_slug.items()], ignore_conflicts=True
    )
    found = {skill.slug: skill for skill in Skill.objects.filter(slug__in=by_slug)}
    return [found[slug] for slug in by_slug]
