"""Skills are typed freely: normalised, de-duplicated, and kept distinct where it matters."""

from __future__ import annotations

import pytest

from twoway.core.errors import InvalidInput
from twoway.core.models import Skill
from twoway.core.skills import MAX_SKILLS, skill_slug, skills_clean, skills_resolve


def test_c_cplusplus_and_csharp_stay_distinct():
    slugs = {skill_slug("C"), skill_slug("C++"), skill_slug("C#")}
    assert len(slugs) == 3
    assert skill_slug("C++") == "c-plus-plus"
    assert skill_slug("C#") == "c-sharp"


def test_dotted_names_keep_their_dots_apart():
    assert skill_slug(".NET") != skill_slug("NET")
    assert skill_slug("Node.js") != skill_slug("Nodejs")


def test_slugs_ignore_case_and_spacing():
    assert skill_slug("Machine  Learning") == skill_slug("machine learning")
    assert skill_slug("DJANGO") == "django"


def test_skills_are_trimmed_and_inner_spaces_collapsed():
    assert skills_clean(["  Machine   learning  ", "\tDjango\n"]) == ["Machine learning", "Django"]


def test_duplicates_are_dropped_case_insensitively_keeping_the_first_spelling():
    assert skills_clean(["Django", "django", "DJANGO ", "Flask"]) == ["Django", "Flask"]


def test_blank_entries_are_skipped():
    assert skills_clean(["", "  ", "Go"]) == ["Go"]


def test_the_same_language_family_is_not_merged():
    assert skills_clean(["C", "C++", "C#", "c"]) == ["C", "C++", "C#"]


def test_a_skill_over_forty_characters_is_refused():
    skills_clean(["S" * 40])
    with pytest.raises(InvalidInput) as caught:
        skills_clean(["S" * 41])
    assert caught.value.code == "skill_too_long"


@pytest.mark.parametrize("name", ["!!!", "---", "???"])
def test_a_skill_without_letters_or_digits_is_refused(name):
    with pytest.raises(InvalidInput) as caught:
        skills_clean([name])
    assert caught.value.code == "invalid_skill"


def test_at_most_fifteen_distinct_skills():
    fifteen = [f"skill {n}" for n in range(MAX_SKILLS)]
    assert MAX_SKILLS == 15
    assert len(skills_clean(fifteen)) == 15
    # Duplicates do not count towards the limit.
    assert len(skills_clean([*fifteen, "SKILL 0"])) == 15
    with pytest.raises(InvalidInput) as caught:
        skills_clean([*fifteen, "skill 15"])
    assert caught.value.code == "too_many_skills"


@pytest.mark.django_db
def test_resolving_creates_missing_skills_once_and_reuses_them():
    first = skills_resolve(["C", "C++", "C#"])
    assert [s.name for s in first] == ["C", "C++", "C#"]
    again = skills_resolve(["c++", "Rust"])
    assert again[0].pk == first[1].pk
    assert again[0].name == "C++"
    assert Skill.objects.count() == 4


@pytest.mark.django_db
def test_resolving_nothing_returns_nothing():
    assert skills_resolve(["", " "]) == []
    assert not Skill.objects.exists()
