"""The comment theme tagger: phrasing, negation, polarity, evidence, the model and its training,
the labelled set, its evaluation on the held-out split, and throughput. Pure: no database."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from twoway.reputation import themes
from twoway.reputation.themes import (
    COMPLAINT,
    EVAL_SET_PATH,
    MODEL_THEMES,
    PRAISE,
    THEME_LABELS,
    THEMES,
    Tag,
    evaluate,
    load_examples,
    load_model,
    load_model_info,
    measure_throughput,
    save_model,
    tag_comment,
    train_model,
)

EXAMPLES = load_examples()


def tags_of(text: str) -> dict[str, str]:
    return {tag.theme: tag.polarity for tag in tag_comment(text)}


# --- phrasing and negation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "theme", "polarity"),
    [
        # payment: praise, including negated complaints
        ("Paid on time.", "non_payment", PRAISE),
        ("Payment was prompt.", "non_payment", PRAISE),
        ("Always paid within a day.", "non_payment", PRAISE),
        ("No issues with payment.", "non_payment", PRAISE),
        ("Never paid late.", "non_payment", PRAISE),
        ("Payment was never late.", "non_payment", PRAISE),
        ("Payment was not a problem.", "non_payment", PRAISE),
        ("Quick to pay.", "non_payment", PRAISE),
        # payment: complaints
        ("Never paid.", "non_payment", COMPLAINT),
        ("Still waiting for my money.", "non_payment", COMPLAINT),
        ("Refused to pay the last milestone.", "non_payment", COMPLAINT),
        ("Payment never arrived.", "non_payment", COMPLAINT),
        ("He didn't pay.", "non_payment", COMPLAINT),
        ("didnt pay", "non_payment", COMPLAINT),
        ("Paid eventually after three reminders.", "non_payment", COMPLAINT),
        ("Paid 10 days late.", "non_payment", COMPLAINT),
        ("I'm still owed $400.", "non_payment", COMPLAINT),
        ("Opened a chargeback after two months.", "non_payment", COMPLAINT),
        ("Payment was not on time even once.", "non_payment", COMPLAINT),
        # scope
        ("Changed the scope midway.", "scope_change", COMPLAINT),
        ("Kept adding features without paying more.", "scope_change", COMPLAINT),
        ("The requirements changed three times.", "scope_change", COMPLAINT),
        ("Scope creep from day one.", "scope_change", COMPLAINT),
        ("Moved the goalposts constantly.", "scope_change", COMPLAINT),
        ("The scope was clear and never changed.", "scope_change", PRAISE),
        ("Stuck to the original brief.", "scope_change", PRAISE),
        ("No scope creep at all.", "scope_change", PRAISE),
        ("He never moved the goalposts.", "scope_change", PRAISE),
        ("The scope did not change.", "scope_change", PRAISE),
        # respect
        ("Abusive.", "respect", COMPLAINT),
        ("He yelled at me on a call.", "respect", COMPLAINT),
        ("Insulting messages every day.", "respect", COMPLAINT),
        ("Rude.", "respect", COMPLAINT),
        ("Threatened a bad review.", "respect", COMPLAINT),
        ("Respectful.", "respect", PRAISE),
        ("Kind.", "respect", PRAISE),
        ("Professional and courteous.", "respect", PRAISE),
        ("Never rude, even when things went wrong.", "respect", PRAISE),
        ("Not respectful at all.", "respect", COMPLAINT),
        # communication, responsiveness, quality, deadlines
        ("Communication was great.", "communication", PRAISE),
        ("Communication could not have been better.", "communication", PRAISE),
        ("Not the best communicator.", "communication", COMPLAINT),
        ("Very responsive.", "responsiveness", PRAISE),
        ("Not very responsive.", "responsiveness", COMPLAINT),
        ("Ghosted me for three weeks.", "responsiveness", COMPLAINT),
        ("Never took more than a few hours to reply.", "responsiveness", PRAISE),
        ("Excellent work.", "quality", PRAISE),
        ("The code was full of bugs.", "quality", COMPLAINT),
        ("Not a single bug in production so far.", "quality", PRAISE),
        ("Delivered on time.", "deadlines", PRAISE),
        ("Missed every deadline.", "deadlines", COMPLAINT),
        ("Never missed a deadline.", "deadlines", PRAISE),
        ("Unrealistic deadlines.", "deadlines", COMPLAINT),
    ],
)
def test_phrasing_and_negation(text, theme, polarity):
    assert tags_of(text).get(theme) == polarity


def test_paid_on_time_is_about_payment_not_deadlines():
    assert tags_of("Paid on time, every time.") == {"non_payment": PRAISE}


def test_the_author_speaking_about_themself_is_not_a_theme_of_the_other_party():
    # "I delivered on time" is the freelancer about themself; the comment is about payment.
    assert tags_of("I delivered on time but he never released the payment.") == {
        "non_payment": COMPLAINT
    }


def test_money_for_extra_work_is_scope_not_non_payment():
    assert tags_of("Any extra work was discussed and paid for separately.") == {
        "scope_change": PRAISE
    }


def test_one_comment_can_carry_several_themes():
    text = (
        "One of the best clients I've had. The scope was clearly defined, he answered questions "
        "thoroughly, treated me with respect and paid every milestone on time."
    )
    assert tags_of(text) == {
        "non_payment": PRAISE,
        "scope_change": PRAISE,
        "communication": PRAISE,
        "respect": PRAISE,
    }


@pytest.mark.parametrize(
    "text",
    [
        "Would hire again.",
        "We built a React dashboard together.",
        "The contract was a fixed price of $500 with two milestones.",
        "We agreed on weekly payments through the platform.",
        "Thanks!",
    ],
)
def test_neutral_comments_get_no_theme(text):
    assert themes._tag(text, None) == []
    assert tag_comment(text) == []


def test_empty_comment():
    assert tag_comment("") == []
    assert tag_comment("   \n ") == []


# --- mixed polarity on one theme (documented choice) -------------------------------------------


def test_mixed_polarity_the_clause_after_but_wins():
    text = "Paid on time for the first milestone, but the final payment never came."
    assert tags_of(text) == {"non_payment": COMPLAINT}
    text = "The scope shifted a bit along the way, but he paid for the additional hours."
    assert tags_of(text) == {"scope_change": PRAISE}


def test_mixed_polarity_a_concessive_clause_loses():
    text = "Although the first payment was late, every payment after that was on time."
    assert tags_of(text) == {"non_payment": PRAISE}


def test_mixed_polarity_tie_goes_to_the_last_stated():
    assert tags_of("Payment was late once. Payment was fast after that.") == {"non_payment": PRAISE}
    assert tags_of("Payment was fast once. Payment was late after that.") == {
        "non_payment": COMPLAINT
    }


# --- tags and evidence --------------------------------------------------------------------------


def test_tag_is_a_frozen_value():
    tag = Tag("respect", PRAISE, "Kind.")
    with pytest.raises(AttributeError):
        tag.theme = "quality"  # type: ignore[misc]
    assert set(THEME_LABELS) == set(THEMES)


def test_at_most_one_tag_per_theme_in_themes_order_with_valid_polarity():
    for example in EXAMPLES:
        tags = tag_comment(example["text"])
        names = [tag.theme for tag in tags]
        assert len(names) == len(set(names)), example["text"]
        assert names == sorted(names, key=THEMES.index)
        assert all(tag.polarity in (COMPLAINT, PRAISE) for tag in tags)


def test_evidence_is_a_trimmed_substring_of_the_comment():
    for example in EXAMPLES:
        text = example["text"]
        for tag in tag_comment(text):
            assert tag.evidence, text
            assert tag.evidence in text, (tag, text)
            assert tag.evidence == tag.evidence.strip()


def test_evidence_is_the_sentence_that_supports_the_tag():
    text = "Great designer. Sadly he never paid the last invoice. Would not recommend."
    (tag,) = [t for t in tag_comment(text) if t.theme == "non_payment"]
    assert tag.evidence == "Sadly he never paid the last invoice."


def test_evidence_of_a_long_run_on_comment_is_a_short_window_around_the_hit():
    text = (
        "we worked on the site for months and " * 20
        + "in the end he never paid me for any of it and "
        + "then we talked about other things " * 20
    )
    (tag,) = tag_comment(text)
    assert tag.theme == "non_payment"
    assert tag.polarity == COMPLAINT
    assert "never paid" in tag.evidence
    assert tag.evidence in text
    assert len(tag.evidence) <= 240


def test_a_comment_of_the_maximum_length_is_tagged_quickly():
    text = ("Paid on time, clear brief. " * 60 + "He was rude once. ") * 3
    assert tags_of(text[:5000]) == {
        "non_payment": PRAISE,
        "scope_change": PRAISE,
        "respect": COMPLAINT,
    }


def test_evidence_survives_characters_that_change_length_when_lower_cased():
    text = "\u0130stanbul client. Never paid."  # "I with dot" lower-cases to two characters
    (tag,) = tag_comment(text)
    assert tag == Tag("non_payment", COMPLAINT, "Never paid.")


# --- the labelled set ---------------------------------------------------------------------------


def test_the_labelled_set_loads_with_both_splits():
    assert len(EXAMPLES) >= 300
    splits = Counter(example["split"] for example in EXAMPLES)
    assert set(splits) == {"dev", "test"}
    assert splits["test"] >= 100
    assert len(load_examples(split="test")) == splits["test"]
    # One two-word comment was written independently for both round 7's held-out set and its
    # training rows, with the same (empty) label (docs/themes.md); since round 8 both are in
    # dev. No other comment appears twice, and no held-out comment appears in dev.
    for split in ("dev", "test"):
        texts = [example["text"] for example in EXAMPLES if example["split"] == split]
        repeated = {text for text in texts if texts.count(text) > 1}
        assert repeated == ({"Very professional."} if split == "dev" else set())
    dev_texts = {example["text"] for example in EXAMPLES if example["split"] == "dev"}
    assert not {e["text"] for e in EXAMPLES if e["split"] == "test"} & dev_texts
    for example in EXAMPLES:
        assert example["text"].strip()
        assert set(example["themes"]) <= set(THEMES)
        assert set(example["themes"].values()) <= {COMPLAINT, PRAISE}
        assert example["author"] in ("client", "freelancer")


ROUND_7_DIGEST = "5dd02e17b77146bf7d8447f38df836d358b2e30588dfab60da7c4de2dcc16924"
ROUND_8_DIGEST = "e65d12dae6c331dcc712212c1d942a9db0183b003ae9cd202ee1efd08280b7f9"


def _digest_of(origin: str, *, as_split: str) -> str:
    """The digest of one round's lines as they read when they were written (a round moved to
    dev reads ``"split": "dev"`` now; its digest was taken with ``"split": "test"``)."""
    lines = EVAL_SET_PATH.read_text(encoding="utf-8").splitlines()
    mine = [line for line in lines if f'"origin": "{origin}"' in line]
    written = [line.replace('"split": "dev"', f'"split": "{as_split}"') for line in mine]
    return hashlib.sha256("\n".join(written).encode()).hexdigest()


def test_the_held_out_split_is_round_8_as_written():
    # Written, labelled and digested by someone who had not seen the tagger, before the round-8
    # model was trained; evaluated once. The earlier held-out rounds are in dev.
    test = load_examples(split="test")
    assert {example["origin"] for example in test} == {"round8"}
    assert len(test) >= 300
    assert sum("non_payment" in e["themes"] for e in test) >= 120
    assert sum("scope_change" in e["themes"] for e in test) >= 120
    dev_origins = {example["origin"] for example in load_examples(split="dev")}
    assert {"round1-test", "round2-test", "round3-test", "round4-test", "round5"} <= dev_origins
    assert {"round6", "round7", "round7-train", "round8-train"} <= dev_origins
    # The held-out lines are byte for byte the ones whose digest was taken when they were
    # written (docs/themes.md, section 2), and so are round 7's, now in dev.
    assert _digest_of("round8", as_split="test") == ROUND_8_DIGEST
    assert _digest_of("round7", as_split="test") == ROUND_7_DIGEST


def test_the_labelled_set_covers_payment_scope_and_neutral_comments():
    themes_per_row = [example["themes"] for example in EXAMPLES]
    assert sum("non_payment" in t for t in themes_per_row) >= 60
    assert sum("scope_change" in t for t in themes_per_row) >= 50
    assert sum(not t for t in themes_per_row) >= 20
    assert sum(len(t) >= 2 for t in themes_per_row) >= 50
    for split in ("dev", "test"):
        authors = {e["author"] for e in EXAMPLES if e["split"] == split}
        assert authors == {"client", "freelancer"}


# --- evaluation ---------------------------------------------------------------------------------


def test_evaluate_counts_theme_and_polarity_together():
    result = evaluate(
        [
            {"text": "Never paid.", "themes": {"non_payment": "complaint"}},  # right
            {"text": "Paid on time.", "themes": {"non_payment": "complaint"}},  # wrong polarity
            {"text": "Good client.", "themes": {"respect": "praise"}},  # missed
        ]
    )
    payment = result["themes"]["non_payment"]
    assert (payment["tp"], payment["fp"], payment["fn"]) == (1, 1, 1)
    assert payment["precision"] == 0.5
    assert payment["recall"] == 0.5
    assert result["themes"]["respect"]["recall"] == 0.0
    assert result["themes"]["respect"]["precision"] is None  # nothing predicted
    assert result["examples"] == 3
    assert len(result["errors"]) == 2


HELD_OUT = evaluate(load_examples(split="test"))


@pytest.mark.parametrize("theme", ["non_payment", "scope_change"])
def test_held_out_targets(theme):
    # Round 8, evaluated once: payment 0.92 / 0.87, scope 0.91 / 0.87 (docs/themes.md,
    # "Results"). Rounds 1 to 7 missed; their held-out sets are in dev now.
    scores = HELD_OUT["themes"][theme]
    assert scores["precision"] >= 0.85
    assert scores["recall"] >= 0.80


@pytest.mark.parametrize(
    ("theme", "precision_floor", "recall_floor"),
    [("non_payment", 0.90, 0.85), ("scope_change", 0.89, 0.85)],
)
def test_held_out_regression_floors(theme, precision_floor, recall_floor):
    # Guards the measured round-8 scores (0.92 / 0.87 and 0.91 / 0.87) against regressions.
    scores = HELD_OUT["themes"][theme]
    assert scores["precision"] >= precision_floor
    assert scores["recall"] >= recall_floor


def test_dev_split_scores():
    # A measure of fit: the rules were tuned on the rows of rounds 1 to 5, not on the rows of
    # the round-6 and round-7 held-out sets nor on the training rows of rounds 7 and 8, which
    # only the model of payment and scope was trained on.
    dev = load_examples(split="dev")
    untuned = {"round6", "round7", "round7-train", "round8-train"}
    tuned = evaluate([e for e in dev if e["origin"] not in untuned])
    assert tuned["micro"]["precision"] >= 0.95
    assert tuned["micro"]["recall"] >= 0.95
    whole = evaluate(dev)
    assert whole["micro"]["precision"] >= 0.92
    assert whole["micro"]["recall"] >= 0.92


# --- the model ----------------------------------------------------------------------------------


def _dev_digest() -> str:
    rows = load_examples(split="dev")
    return hashlib.sha256(
        "\n".join(json.dumps(e, sort_keys=True) for e in rows).encode("utf-8")
    ).hexdigest()


def test_the_shipped_model_was_trained_on_the_current_dev_split_only():
    # Fails when the labelled set changes without `twoway themes-train`: the model must be
    # retrained, and it never sees the held-out rows (their text is not in the digest).
    info = load_model_info()
    assert info is not None
    assert info["trained_on"]["split"] == "dev"
    assert info["trained_on"]["rows"] == len(load_examples(split="dev"))
    assert info["trained_on"]["sha256"] == _dev_digest()


def test_the_thresholds_are_the_cross_validated_ones():
    info = load_model_info()
    model = load_model()
    assert model is not None
    assert info is not None
    assert tuple(info["model_themes"]) == MODEL_THEMES
    for k, theme in enumerate(MODEL_THEMES):
        assert info["cross_validation"]["model_only"][theme]["threshold"] == model.thresholds[k]
        assert 0.0 < model.thresholds[k] < 1.0


def test_the_model_tags_what_no_rule_catches():
    text = "The to-do list tripled and the fee stayed put."
    assert themes._tag(text, None) == []  # the rules and the cue fallback miss it
    assert tag_comment(text) == [Tag("scope_change", COMPLAINT, text)]


def test_model_evidence_is_the_strongest_sentence_and_a_fragment_runs_on():
    text = "Lovely person. The to-do list tripled and the fee stayed put. Thanks!"
    tags = [t for t in tag_comment(text) if t.theme == "scope_change"]
    assert [t.evidence for t in tags] == ["The to-do list tripled and the fee stayed put."]
    text = "Payment? Same day, every time."
    assert tag_comment(text) == [Tag("non_payment", PRAISE, text)]


def test_model_tokens_are_stemmed_and_negation_marked_up_to_punctuation_or_but():
    toks = themes._model_tokens(themes._normalise("He didn't pay the invoices, but paid $40 later"))
    assert [(stem, negated) for _, _, stem, negated, _ in toks] == [
        ("he", False),
        ("didnt", False),
        ("pay", True),
        ("the", True),
        ("invoic", True),
        ("but", False),
        ("paid", False),
        ("<num>", False),
        ("later", False),
    ]


def test_without_a_model_file_the_tagger_uses_rules_only(tmp_path):
    assert load_model(tmp_path / "missing.json") is None
    assert load_model_info(tmp_path / "missing.json") is None
    assert themes._tag("Never paid.", None) == [Tag("non_payment", COMPLAINT, "Never paid.")]


def _small_set() -> list[dict]:
    dev = load_examples(split="dev")
    payment = [e for e in dev if "non_payment" in e["themes"]][:25]
    scope = [e for e in dev if "scope_change" in e["themes"]][:20]
    other = [e for e in dev if not {"non_payment", "scope_change"} & set(e["themes"])][:25]
    held_out = [{**e, "text": "Zqxwv " + e["text"]} for e in load_examples(split="test")[:5]]
    return payment + scope + other + held_out


def test_training_reads_the_dev_rows_only_and_round_trips(tmp_path):
    rows = _small_set()
    document = train_model(rows, folds=2, repeats=1)
    assert document["trained_on"]["rows"] == len(rows) - 5
    assert set(document["thresholds"]) == set(MODEL_THEMES)
    path = save_model(document, tmp_path / "model.json")
    model = load_model(path)
    assert model is not None
    assert "zqxwv" not in model.presence
    assert not any("zqxwv" in f for f in model.polarity)
    for example in rows[:30]:
        tags = themes._tag(example["text"], model)
        assert all(tag.evidence in example["text"] for tag in tags)


def test_the_train_command_writes_a_model(tmp_path):
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in _small_set()), encoding="utf-8")
    out = io.StringIO()
    target = tmp_path / "model.json"
    call_command(
        "themes-train",
        "--file",
        str(source),
        "--output",
        str(target),
        "--folds",
        "2",
        "--repeats",
        "1",
        stdout=out,
    )
    assert load_model(target) is not None
    assert "Model (and cue fallback)" in out.getvalue()
    assert "Trained on 70 dev rows" in out.getvalue()


# --- speed, purity, the prefix index, the command -----------------------------------------------


def test_throughput_on_one_core():
    texts = [example["text"] for example in EXAMPLES]
    measure_throughput(texts[:200], repeat=1)  # warm caches
    rate = measure_throughput(texts, repeat=2)
    assert rate >= 2_000, f"{rate:.0f} comments/second"


def test_the_prefix_index_never_hides_a_matching_rule():
    # Rules are only tried where their possible first three characters fit; check that every
    # rule matching at a word start is among the candidates there.
    every_rule = {
        (theme, c.order): c
        for bucket in (*themes._BY3.values(), *themes._BY2.values(), *themes._BY1.values())
        for theme, rules in bucket
        for c in rules
    }
    for theme, rules in themes._ANYWHERE:
        every_rule.update({(theme, c.order): c for c in rules})
    assert len(every_rule) == len(themes._RULES)
    for example in EXAMPLES:
        norm = themes._normalise(example["text"])
        for word in themes._WORD_START.finditer(norm):
            w = word.start()
            key = norm[w : w + themes._PREFIX]
            bucket = (
                themes._BY3.get(key)
                or themes._BY2.get(key[:2])
                or themes._BY1.get(key[:1])
                or themes._ANYWHERE
            )
            offered = {(theme, c.order) for theme, rules in bucket for c in rules}
            for ident, compiled in every_rule.items():
                if compiled.regex.match(norm, w):
                    assert ident in offered, (compiled.rule.pattern, norm[w : w + 30])


def test_the_module_is_pure_standard_library():
    tree = ast.parse(Path(themes.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


@pytest.mark.parametrize("name", ["themes_eval", "themes-eval"])
def test_the_command_prints_tables_and_throughput(name, tmp_path):
    rows = load_examples(split="dev")[:30] + load_examples(split="test")[:10]
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps(e) + "\n" for e in rows), encoding="utf-8")
    out = io.StringIO()
    call_command(name, "--file", str(source), "--repeat", "1", stdout=out)
    text = out.getvalue()
    assert "dev split" in text
    assert "test split (held out)" in text
    for theme in THEMES:
        assert f"({theme})" in text
    assert "Model (and cue fallback)" in text
    assert "comments/second" in text
