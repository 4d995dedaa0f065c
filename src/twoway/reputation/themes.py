"""Theme tagger for revealed feedback comments: pure, offline, standard library only.

``tag_comment(text)`` returns at most one :class:`Tag` per theme (non-payment, scope change,
communication, responsiveness, quality, deadlines, respect), each a complaint or praise with the
sentence that supports it, so a profile can count themes and quote evidence.

Method (docs/themes.md has the long version):

1. The comment is lower-cased (length-preserving, so every offset maps back to the original
   text) and a few idioms are masked to a same-length neutral or polar word ("could not have
   been better" -> "was excellent", "not bad" -> "good", "can't believe" -> spaces).
2. Each theme has a curated list of rules: a regular expression, a polarity, and flags. Rules
   that already spell their negation out ("never paid", "payment never arrived") are *fixed*;
   the others are *flippable*: a negator ("not", "never", "no", "n't", "without", ...) in the
   four words before the match, inside the same clause, flips the polarity ("no issues with
   payment" -> praise, "never missed a deadline" -> praise, "not very responsive" ->
   complaint). Predicate rules ("<subject> was/were [not] <adjective>") carry their own
   negation group. Some rules need a context word in the sentence (e.g. "only after" counts
   for non-payment only in a sentence about money), some are dropped after a context word
   ("on time" is about deadlines unless the sentence was talking about paying), and some are
   dropped when the author speaks about themself ("I delivered on time").
3. Rules are matched only where a word starts, and only the rules whose possible first three
   characters (computed from each pattern by a small regex reader) fit the text there, so a
   comment costs a few dictionary lookups per word and a handful of match attempts.
4. Fallback: for a theme no rule fired on, a sentence that names the theme's topic ("payment",
   "invoice"; "scope", "brief", "extra features"; ...) and carries net-positive or net-negative
   cue words ("still", "late", "owed"; "grew", "for free", "same budget"; negation flips a cue)
   is tagged with that polarity. It skips sentences where any rule fired (their words are
   already explained) and exists for payment, scope, deadlines, communication and
   responsiveness.
5. When a comment both praises and complains about one theme, each hit is weighed by its
   clause: after "but"/"however"/"unfortunately" (or in a sentence ending in "though") x2,
   inside a concessive "although"/"even though"/"despite"/"while" clause x0.5, else x1. The
   heavier polarity wins; on a tie the last-stated one wins.
6. The evidence is the sentence holding the deciding hit, sliced from the original text and
   trimmed; in a sentence longer than 240 characters, the clause around the hit or a window of
   whole words around it.
7. Model: for payment and scope, when no rule fired, a logistic-regression model decides before
   the cue fallback (step 4). Words are lower-cased, masked as in step 1, crudely stemmed
   ("payments" -> "pay") and marked when a negator precedes them up to punctuation or
   "but"/"and". A presence model per theme (stems, pairs of neighbouring stems, plus one
   feature per theme a rule found in the comment) gives the probability that the comment talks
   about the theme; at or above the theme's threshold (chosen on the dev rows where no rule of
   the theme fired) it is tagged, as a complaint when a polarity model (negation-marked stems
   and stem pairs, trained on every theme's labels with shared and per-theme weights) says so
   with probability >= 0.5, else as praise. Where a payment or scope rule fired, the rules'
   polarity stands unless the polarity model disagrees with probability >= 0.9 (then the
   model's polarity is used). The evidence is the sentence with the most positive presence
   weight. The weights are trained on the dev split only by ``train_model`` (``twoway
   themes-train``), thresholds chosen by cross-validation on dev, and loaded once at import
   from ``data/themes_model.json``; without that file the tagger runs on rules only.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

THEMES: tuple[str, ...] = (
    "non_payment",
    "scope_change",
    "communication",
    "responsiveness",
    "quality",
    "deadlines",
    "respect",
)

THEME_LABELS: dict[str, str] = {
    "non_payment": "Payment",
    "scope_change": "Scope changes",
    "communication": "Communication",
    "responsiveness": "Responsiveness",
    "quality": "Quality of work",
    "deadlines": "Deadlines",
    "respect": "Respect",
}

COMPLAINT = "complaint"
PRAISE = "praise"
POLARITIES: tuple[str, ...] = (COMPLAINT, PRAISE)

EVAL_SET_PATH = Path(__file__).with_name("data") / "themes_eval.jsonl"


@dataclass(frozen=True)
class Tag:
    theme: str
    polarity: str  # "complaint" | "praise"
    evidence: str  # the sentence (or clause) of the comment that supports the tag


# ---------------------------------------------------------------------------------------------
# Shared regex fragments. Patterns run on lower-cased text with curly quotes made straight.

_P = r"pa(?:id|yed)"  # "paid", and the common misspelling "payed"
_PAYV = rf"(?:{_P}|pays?|paying)"
_GAP1 = r"(?:[^\s.,;!?]+\s+)?"  # at most one word
_ADV = (
    r"(?:(?:very|really|super|so|always|extremely|quite|pretty|incredibly|consistently|"
    r"genuinely|truly|a\s+bit|a\s+little|somewhat|fairly|too|way\s+too|crazy|insanely|"
    r"ridiculously|amazingly|rather|overall|generally|mostly|also|just|all|both|ever|usually|"
    r"reasonably|totally|completely|absolutely|highly|actually|still|now|constantly|often|"
    r"sometimes|occasionally|at\s+times|even|mega|kinda|kind\s+of|a\s+tad|honestly|"
    r"unbelievably|exceptionally|remarkably|surprisingly|impressively|refreshingly|"
    r"painfully|terribly|awfully|seriously|beyond|simply|clearly|definitely|pretty\s+much)"
    r"\s+)*"
)
_NEGBE = (
    r"(?:is|was|were|are|has|have|had|did|does|do)n'?t(?:\s+(?:been|be))?"
    r"|(?:is|was|were|are)\s+(?:not|never)(?:\s+been)?"
    r"|(?:has|have|had)\s+(?:not|never)\s+been"
)
_BE = (
    r"(?:is|was|were|are|has\s+been|have\s+been|had\s+been|'s|seemed|seems|felt|feels|got|gets|"
    r"became|becomes|remained|remains|remain|stayed|stays|looked|looks|turned\s+out|proved)"
)
_COP = (
    rf"(?:(?P<neg>{_NEGBE})|{_BE}(?:\s+(?:still|yet|even|really|always|just|simply))?"
    r"(?:\s+(?P<neg2>not|never))?)"
)

# Words that make a sentence about money (used as context by some non-payment rules).
_PAY_CONTEXT = (
    r"\b(?:pa(?:id|yed|y|ys|ying|yment|yments|yer)|money|invoices?|funds|escrow|milestones?|"
    r"cents?|penny|refund|dispute|owed|bonus|check|cheque|wire|transfer)\b"
)
_SCOPE_CONTEXT = (
    r"\b(?:scope|brief|requirements?|spec|specs|plan|agreed|agreement|contract|job\s+post|"
    r"job\s+description)\b"
)


def _pred(subj: str, adjs: str, *, gap: int = 3) -> str:
    """`<subject> [a few words] <copula> [not|never] [adverbs] <adjective>`."""
    return rf"\b(?:{subj})\b(?:\s+[^\s.,;!?]+){{0,{gap}}}?\s+{_COP}\s+{_ADV}(?:{adjs})(?![\w-])"


# ---------------------------------------------------------------------------------------------
# Rules.


@dataclass(frozen=True)
class _Rule:
    theme: str
    polarity: str
    pattern: str
    flip: bool = True  # a negator in the window before the match flips the polarity
    ctx: str | None = None  # the sentence (or the comment, ctx_comment) must match this
    ctx_comment: bool = False
    unless_before: str | None = None  # drop when the clause before the match matches this
    unless_sentence: bool = False  # ... or anywhere earlier in the sentence, not just the clause
    self_skip: bool = False  # drop when the author is the subject ("I delivered on time")
    clause_start: bool = False  # only when the match opens its clause ("Fast, but ...")
    sentence_start: bool = False  # only when the match opens its sentence


_RULES: list[_Rule] = []


def _add(theme: str, polarity: str, *patterns: str, **flags: Any) -> None:
    for pattern in patterns:
        _RULES.append(_Rule(theme, polarity, pattern, **flags))


C, P = COMPLAINT, PRAISE

# --- non_payment -----------------------------------------------------------------------------
NP = "non_payment"
_NOT_EXTRA = (
    r"(?!\s+(?:me\s+|us\s+|him\s+|her\s+)?(?:late|more|extra|anything\s+(?:more|extra)|"
    r"for\s+(?:the\s+|any\s+|those\s+|these\s+|all\s+the\s+)?(?:\S+\s+)?(?:extra|additional|new|"
    r"changes|extras)))"
)
_PAY_N = r"(?:payments?|pay|money|funds|invoices?|escrow|paycheck|cheque|check)"
# Fixed complaints (the negation is part of the phrase).
_add(
    NP,
    C,
    rf"\bnever\s+(?:got\s+|been\s+|was\s+|were\s+|even\s+|actually\s+)?{_PAYV}\b{_NOT_EXTRA}",
    r"\b(?:did|does|do|has|have|had|would|will|wo|could|ca|is|was|were|are)(?:n'?t|\s+not)\s+"
    r"(?:yet\s+|even\s+|ever\s+|actually\s+|bother\s+to\s+|been\s+)?(?:be\s+|been\s+|get\s+|got\s+|"
    rf"gotten\s+)?{_PAYV}\b{_NOT_EXTRA}",
    flip=False,
    self_skip=True,  # "we didn't pay" (a client about itself), but "I never got paid" counts
)
_add(
    NP,
    C,
    rf"\b{_PAY_N}\s+{_GAP1}{_GAP1}(?:still\s+)?(?:never|has\s*n'?t|has\s+not|have\s*n'?t|"
    r"have\s+not|did\s*n'?t|did\s+not)\s+(?:yet\s+|even\s+|actually\s+)?"
    r"(?:arrived?|came|come|showed?\s+up|shown\s+up|cleared?|went\s+through|gone\s+through|"
    r"come\s+through|been\s+(?:released|received|made|sent|paid)|landed|hit)\b",
    rf"\b{_PAY_N}\s+{_GAP1}(?:did\s+)?(?:eventually|finally)\s+(?:arrived?|came|come|showed\s+up|"
    r"went\s+through|came\s+through|cleared)",
    rf"\b{_PAY_N}\s+(?:came|arrived|went\s+through|cleared)\s+(?:\S+\s+){{0,2}}?late\b",
    r"\b(?:refused|refuses|refusing|refuse|failed|fails|failing|declined|stopped|stop|yet|"
    r"forgot|forgets|neglected)\s+(?:to\s+)?(?:be\s+)?(?:pay|paying|paid|payed|release|releasing)"
    rf"\b{_NOT_EXTRA}",
    rf"\bnot\s+(?:been\s+|yet\s+|even\s+)?{_P}\b(?!\s+late)",
    r"\bpromis(?:ed|ing|es)\s+(?:\S+\s+){0,2}?to\s+pay\b",
    r"\bstill\s+waiting\s+(?:for|on)\s+(?:\S+\s+){0,3}?(?:money|payment|pay|funds|invoice|"
    r"milestone|cheque|check|release|him\s+to\s+pay|her\s+to\s+pay|them\s+to\s+pay)",
    r"\b(?:still\s+)?(?:owed|owes\s+me|owe\s+me|owing\s+me)\b",
    r"\bnever\s+(?:received|got|saw|seen|see|receive|get)\s+(?:\S+\s+){0,3}?"
    r"(?:payment|money|a\s+(?:cent|penny|dime)|funds|paid)\b",
    r"\b(?:not|never\s+(?:saw|seen|got|received)|have\s*n'?t\s+(?:seen|received|gotten|got)|"
    r"did\s*n'?t\s+(?:see|get|receive))\s+(?:a\s+(?:single\s+)?(?:cent|penny|dime|dollar))",
    r"\b(?:never|did\s*n'?t|did\s+not|has\s*n'?t|has\s+not|have\s*n'?t|won'?t|would\s*n'?t|"
    r"would\s+not|will\s+not|refused\s+to|refuses\s+to)\s+(?:yet\s+|even\s+)?releas\w*\s+(?:the\s+|my\s+|any\s+|our\s+)?(?:\S+\s+)?(?:payments?|funds|"
    r"money|escrow|milestones?)",
    r"\b(?:one|milestone|invoice|part|rest|balance|remainder|installment|bonus)\s+never\s+"
    r"(?:came|arrived|showed\s+up|got\s+paid|was\s+paid|materiali[sz]ed)",
    r"\btook\s+(?:\S+\s+){0,6}?to\s+(?:get\s+paid|be\s+paid|pay\b|receive\s+(?:the\s+|my\s+)?"
    r"(?:payment|money))",
    r"\b(?:charge-?\s?backs?|disputed?\s+(?:the\s+|my\s+)?(?:\S+\s+)?payment|"
    r"(?:open(?:ed)?|fil(?:e|ed)|rais(?:e|ed)|went\s+through|go\s+through|start(?:ed)?)\s+"
    r"(?:a\s+|the\s+)?dispute|(?:asked|asking|demanded|demanding|requested|wanted|wants)\s+"
    r"(?:me\s+|us\s+)?(?:for\s+)?(?:a\s+(?:full\s+)?refund|to\s+refund|(?:his|her|their)\s+money"
    r"\s+back)|refund\s+(?:everything|it\s+all|the\s+whole))",
    r"\b(?:with(?:held|holding|hold)|held\s+back|holding\s+back|hold\s+back|kept|keeps|keeping|"
    r"sat\s+on|froze|frozen)\s+(?:the\s+|my\s+|our\s+|all\s+the\s+)?(?:final\s+|last\s+)?"
    r"(?:payments?|money|funds|escrow|milestone\s+payment|milestones?)",
    r"\b(?:get|got|getting|wanted|want|tried\s+to\s+get)\s+(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)"
    r"?work\s+(?:done\s+)?for\s+free",
    r"\b(?:to\s+avoid|avoid(?:ed|ing)?|dodg(?:e|ed|ing))\s+pay(?:ing|ment)?\b",
    rf"\bwithout\s+pay(?:ing|ment)?\b{_NOT_EXTRA}",
    r"\bno\s+payment\b(?!\s+(?:issues?|problems?|delays?|trouble|drama|hassle|worries))",
    r"\bscam(?:mer|med|s)?\b",
    r"\blowball(?:ed|ing|s)?\b",
    r"\bpa(?:id|ys|yed)\s+(?:me\s+|us\s+)?nothing\b",
    r"\bout\s+\$\s?\d[\d,]*",
    r"\b(?:asked|asking|demanded|demanding|wanted|pushed)\s+(?:for\s+)?(?:a\s+)?(?:discount|lower\s+price)"
    r"\s+after\b",
    r"\b(?:before|until)\s+(?:he|she|they|the\s+client)\s+(?:finally\s+|actually\s+)?(?:paid|payed|"
    r"released)\b",
    r"\bbefore\s+(?:i|we)\s+(?:finally\s+|actually\s+)?(?:saw|got|received)\s+(?:my|the|any|our)\s+"
    r"(?:money|payment|pay)\b",
    rf"\b{_PAY_N}\s+(?:\S+\s+)?took\s+(?:forever|ages|weeks|months|\S+\s+(?:weeks|months|days))",
    r"\b(?:payments?|check|cheque|transfer|wire)\s+(?:\S+\s+)?(?:bounced|failed|was\s+reversed|"
    r"got\s+reversed|was\s+declined|got\s+declined)",
    r"\bdelay(?:ed|ing|s)?\s+(?:the\s+|my\s+|his\s+|her\s+|our\s+)?(?:final\s+|last\s+)?"
    r"(?:payments?|invoices?)\b",
    r"\bstill\s+no\s+(?:money|payment|pay\b|funds|sign\s+of\s+(?:the\s+)?(?:money|payment))",
    rf"\b{_PAY_N}\s+(?:was\s+|got\s+|has\s+been\s+|sat\s+)?(?:stuck|on\s+hold|frozen|held\s+up)\b",
    r"\b(?:released|paid|payed|sent|transferred)\s+(?:me\s+)?only\s+(?:half|part|a\s+fraction|"
    r"\d+\s*%|a\s+portion|some)",
    flip=False,
)
_add(
    NP,
    C,
    r"\bonly\s+after\b",
    r"\bchas(?:e|ed|ing)\s+(?:\S+\s+){0,3}?(?:for\s+)?(?:payments?|invoices?|money|him|her|them|"
    r"the\s+client)\b",
    r"\bremind(?:ed|ing)?\s+(?:him|her|them|the\s+client)\b",
    r"\bask(?:ed|ing)?\s+(?:\S+\s+)?(?:to\s+be\s+paid|to\s+get\s+paid|(?:for|about)\s+(?:my\s+|the\s+|"
    r"his\s+)?(?:overdue\s+|late\s+|final\s+)?(?:payment|money))\b(?!\s+(?:terms|schedule|method|details|"
    r"options|plan))",
    r"\b(?:beg(?:ged|ging)?|hound(?:ed|ing)?|nag(?:ged|ging)?|fight|fought|fighting)\s+(?:\S+\s+)?"
    r"for\s+(?:my\s+|the\s+|his\s+|a\s+|every\s+)?(?:money|payments?|pay\b|invoices?|funds)",
    flip=True,
    ctx=_PAY_CONTEXT,
)
_add(
    NP,
    C,
    r"\b(?:it|they)\s+never\s+(?:arrived|came|showed\s+up|cleared|went\s+through)\b",
    flip=False,
    ctx=_PAY_CONTEXT,
    ctx_comment=True,
)
_add(
    NP,
    C,
    r"\breminders\b",
    r"\b(?:have|has|had)(?:\s*n'?t|\s+not)\s+(?:yet\s+)?(?:received|gotten|got|seen)\s+"
    r"(?:anything|a\s+thing)\b",
    ctx=_PAY_CONTEXT,
    ctx_comment=True,
)
# Flippable complaints.
_add(
    NP,
    C,
    rf"\b{_PAYV}[\s,]+(?:[^\s.;!?]+[\s,]+){{0,3}}?(?:late|(?:\S+\s+)?(?:days?|weeks?|months?)\s+"
    r"(?:late|after|past)|eventually|in\s+the\s+end|finally|at\s+last|after\s+(?:\d+|\w+)\s+"
    r"(?:days|weeks|months|reminders)|after\s+(?:a\s+|many\s+|multiple\s+|several\s+|\w+\s+)?"
    r"(?:reminders?|chasing|dispute|complaints?|escalat\w+)|less\s+than|only\s+(?:half|part|"
    r"a\s+fraction|\d+\s*%)|half|partially|partly|(?:only\s+)?(?:a\s+)?(?:third|quarter|fraction|"
    r"portion)\s+of|instead\s+of)\b(?!\s+(?:upfront|up\s+front|in\s+advance|as\s+(?:a\s+)?deposit|at\s+the\s+start))",
    r"\b(?:late|slow|delayed|partial|missing|withheld|overdue|short)\s+(?:payments?|paying|payer|"
    r"pay\b|paychecks?)",
    r"\b(?:slow|late|reluctant|hesitant)\s+(?:to|in|with)\s+(?:pay|paying|payments?|release)",
    r"\blate\s+with\s+(?:a\s+|the\s+|his\s+|her\s+|any\s+)?payments?",
    r"\b(?:unpaid|overdue|past\s+due|outstanding\s+(?:invoice|payment|balance|amount))\b",
    r"\b(?:issues?|problems?|trouble|delays?|hassle|drama|disputes?)\s+with\s+(?:the\s+|his\s+|"
    r"her\s+|their\s+)?(?:payments?|paying|invoices?|money)",
    r"\bpayments?\s+(?:issues?|problems?|delays?|trouble|disputes?|drama|hassle)",
    r"\b(?:issues?|problems?|trouble|delays?|hassle)\s+(?:with\s+)?(?:getting\s+paid|being\s+paid|"
    r"receiving\s+(?:the\s+|my\s+)?(?:payment|money))",
    r"\bwait(?:ed|ing|s)?\s+(?:\S+\s+){0,3}?(?:for|on)\s+(?:the\s+|my\s+|his\s+|a\s+)?"
    r"(?:payments?|money|pay\b|funds|invoice)",
    self_skip=True,
)
# Praise (flippable).
_add(
    NP,
    P,
    r"\b(?:quick|fast|prompt|swift|happy|quick\s+and\s+easy)\s+(?:to\s+(?:pay|release)|in\s+paying|"
    r"with\s+(?:the\s+)?payments?)\b",
    rf"\b{_PAYV}\s+(?:[^\s.,;!?]+\s+){{0,3}}?(?:on\s+time|promptly|prompt|quickly|quick|fast|"
    r"immediately|instantly|right\s+away|straight\s+away|the\s+same\s+day|same\s+day|"
    r"the\s+(?:same\s+)?day|the\s+moment|within\s+(?:a|an|one|\d+|24|48|hours?|minutes?|the\s+hour|"
    r"the\s+day|a\s+day|a\s+few|a\s+couple|the\s+week|a\s+week)|(?:the\s+)?same\s+week|in\s+full|"
    r"upfront|up\s+front|up-front|in\s+advance|in\s+time|"
    r"as\s+agreed|as\s+promised|on\s+the\s+dot|before\s+(?:the\s+)?(?:due|deadline)|early|well|"
    r"fairly|generously|fine|b4\s+(?:i|we)|before\s+(?:i|we)\s+(?:even\s+)?(?:asked|invoiced|sent|"
    r"requested|submitted|had\s+to\s+ask)|without\s+(?:any\s+)?(?:issues?|problems?|delay|hassle|fuss|"
    r"questions)|no\s+questions\s+asked|a\s+bonus|a\s+tip|every\s+(?:invoice|milestone|week|time))"
    r"\b",
    r"\b(?:prompt|quick|fast|immediate|instant|timely|on-time|reliable|regular|smooth|speedy|"
    r"good|great|generous|excellent|better|best)\s+(?:payments?|payer|paying|pay\b)",
    r"\b(?:a|small|nice|generous|extra|the|big)\s+(?:bonus|tip)\b|\btipped\b",
    r"\b(?:released|releases|release|releasing|funded|funds|approved)\s+(?:the\s+|my\s+|each\s+|"
    r"every\s+|all\s+)?(?:payments?|milestones?|funds|escrow|money)\s+(?:\S+\s+){0,2}?"
    r"(?:quickly|promptly|immediately|right\s+away|straight\s+away|the\s+moment|as\s+soon\s+as|"
    r"on\s+time|upfront|up\s+front|in\s+advance|instantly|fast|within|the\s+same\s+day|"
    r"same\s+day)",
    r"\b(?:money|payment|funds)\s+(?:hit|landed\s+in|reached|was\s+in|arrived\s+in|showed\s+up\s+in)"
    r"\s+my\s+(?:account|bank|wallet)",
    rf"\b{_PAY_N}\s+(?:always\s+)?(?:came|went|comes|goes)\s+through\b(?!\s+(?:late|after))",
    rf"\b{_PAY_N}\s+(?:always\s+)?(?:arrived|arrives|came|comes|landed|was\s+sent|was\s+released)\s+"
    r"(?:\S+\s+){0,2}?(?:on\s+time|promptly|quickly|immediately|instantly|fast|early|right\s+away|"
    r"same\s+day|within)",
    rf"\b{_PAY_N}\s+(?:always\s+)?(?:on\s+time|in\s+time|promptly|quickly)",
    r"\bon\s+time\s+with\s+(?:\S+\s+)?(?:payments?|invoices?|paying|pay\b)",
    rf"\b{_PAY_N}\s+(?:were\s+|was\s+|got\s+|always\s+)?(?:released|sent|transferred|paid)\s+"
    r"(?:\S+\s+){0,2}?(?:within|promptly|quickly|immediately|on\s+time|same\s+day|right\s+away|"
    r"instantly|the\s+moment|as\s+soon\s+as)",
    self_skip=True,
)
_add(
    NP,
    P,
    _pred(r"milestones?", r"funded|released|paid|pre-?funded"),
)
_PAY_SUBJ = r"payments?|pay|paying|money|funds|invoices?|the\s+escrow|paycheck|compensation"
_add(
    NP,
    P,
    _pred(
        _PAY_SUBJ,
        r"prompt|quick|fast|immediate|instant|(?:there\s+)?on\s+time|timely|smooth|fine|ok|okay|"
        r"great|reliable|"
        r"seamless|never\s+late|in\s+full|in\s+time|early|quick\s+and\s+easy|easy|released|"
        r"(?:paid|settled|released|funded|cleared)\s+(?:\S+\s+)?(?:promptly|quickly|immediately|"
        r"on\s+time|in\s+time|upfront|up\s+front|right\s+away|in\s+full|fast|early|same\s+day|"
        r"within)|before\s+the\s+due",
    ),
)
_add(
    NP,
    C,
    _pred(
        _PAY_SUBJ,
        r"slow|late|delayed|overdue|unpaid|outstanding|pending|a\s+nightmare|a\s+struggle|"
        r"a\s+hassle|an?\s+(?:issue|problem)|problematic|withheld|held\s+back|stuck|short|"
        r"incomplete|partial|missing|disputed|reversed|(?:\S+\s+)?(?:days?|weeks?|months?)\s+"
        r"(?:late|overdue)",
    ),
)

# --- scope_change ----------------------------------------------------------------------------
SC = "scope_change"
_SC_OBJ = (
    r"(?:scope|requirements?|brief|specs?|specifications?|goals?|direction|deliverables|plan|"
    r"design\s+direction|task\s+list)"
)
_add(
    SC,
    C,
    r"\banother\s+round\s+of\s+(?:changes|revisions|edits|tweaks)\b",
    r"\bcan\s+you\s+(?:just\s+)?(?:quickly\s+)?add\b",
    r"\b(?:for|within|at)\s+(?:the\s+)?(?:same|original|initial)\s+(?:\$?\d+\s+)?"
    r"(?:price|budget|pay|rate|fee|amount|money|cost|\$\d+)",
    r"\bfor\s+the\s+price\s+of\s+(?:a|an|one)\b",
    r"\b(?:extra|additional|more)\s+(?:\S+\s+){0,2}?for\s+free\b|\bfree\s+(?:extra\s+)?"
    r"(?:work|revisions|labou?r|changes|features|pages)\b",
    r"\bwithout\s+(?:paying|pay|payment|compensation|compensating|any\s+extra\s+pay)\s+"
    r"(?:me\s+|us\s+)?(?:more|extra|anything\s+(?:more|extra)|for\s+(?:it|them|the\s+extra))",
    r"\b(?:would\s*n'?t|would\s+not|refused\s+to|did\s*n'?t|did\s+not|won'?t)\s+(?:increase|raise|"
    r"adjust|up|extend)\s+(?:the\s+|his\s+|her\s+|my\s+)?(?:budget|price|rate|pay|fee)",
    r"\b(?:refus\w+|did\s*n'?t|did\s+not|won'?t|would\s*n'?t|never)\s+(?:to\s+)?pay\s+(?:me\s+)?"
    r"(?:more|extra|for\s+(?:the\s+|any\s+|those\s+|these\s+)?(?:extra|additional|changes|new))",
    r"\b(?:not|never)\s+part\s+of\s+(?:the\s+|our\s+|my\s+)?(?:original\s+|initial\s+|agreed\s+)?"
    r"(?:scope|contract|agreement|brief|job|deal|spec|plan|quote|proposal)",
    r"\b(?:asked|asking|demanded|demanding|wanted|charged?|charging|tried\s+to\s+charge)\s+"
    r"(?:for\s+|me\s+|us\s+)?(?:more\s+money|extra\s+money|more|extra|a\s+higher\s+(?:price|rate|"
    r"fee))\s+(?:\S+\s+){0,3}?(?:halfway|midway|mid-?project|partway|half\s+way|in\s+the\s+middle|"
    r"for\s+(?:things|stuff|work|items|what)\s+(?:that\s+)?(?:was|were)\s+(?:clearly\s+|already\s+)?"
    r"(?:in|part|included))",
    r"\b(?:rais(?:ed|ing|es)|increas(?:ed|ing)|upp(?:ed|ing)|hik(?:ed|ing))\s+(?:his|her|their|the)\s+"
    r"(?:price|rate|fee|quote)s?",
    r"\b(?:charg|bill|invoic)\w*\s+(?:us|me)\s+(?:extra\s+)?for\s+(?:\S+\s+){0,6}?(?:part\s+of|"
    r"included\s+in)\s+"
    r"(?:the\s+|our\s+|his\s+|her\s+)?(?:\S+\s+)?(?:quote|contract|package|offer|agreement|price|scope)",
    r"\b(?:revisions?|rounds?|changes|edits|tweaks|pages|features)\s+for\s+free\b",
    r"\b(?:tweaks?|changes|revisions|extras?|fixes|additions)[\"']?\s+(?:that\s+)?took\s+longer\s+"
    r"than\s+"
    r"(?:the\s+)?(?:original|whole|entire|actual)",
    r"\bpromis(?:ed|ing|es)\s+to\s+pay\s+(?:\S+\s+){0,4}?for\s+(?:the\s+|those\s+|these\s+)?"
    r"(?:\S+\s+)?(?:extra|additional|new)",
    r"\b(?:until|unless|if)\s+(?:i|we)\s+(?:\S+\s+){0,3}?(?:extra|additional|more|unpaid|free)\s+"
    r"(?:\S+\s+)?(?:work|tasks?|pages?|features?|revisions?|changes)",
    r"\b(?:demanded|wanted|asked\s+for|requested|expected|insisted\s+on)\s+(?:a\s+)?(?:complete|"
    r"total|full|entire|whole)\s+(?:re-?design|re-?do|re-?write|rework|overhaul)",
    r"\bstarted\s+(?:out\s+)?as\s+(?:\S+\s+){0,6}?(?:became|turned\s+into|grew\s+into|ended\s+up)",
    r"\ball\s+for\s+(?:the\s+)?(?:\S+\s+)?(?:price|budget|money|fee)\b",
    r"\b(?:job\s+(?:post|description)|brief|spec|listing|project\s+description)\s+(?:was|is)\s+"
    r"(?:\S+\s+)?nothing\s+like\b",
    r"\b(?:budget|price|pay|rate)\s+(?:stayed|remained)\s+the\s+same\b",
    r"\b(?:posted|advertised|described|sold|pitched|presented)\s+as\s+(?:a\s+|an\s+)?(?:simple|"
    r"small|quick|basic|short|easy|tiny)",
    r"\b(?:bigger|larger|more\s+complex|more\s+work)\s+than\s+(?:expected|agreed|described|"
    r"advertised|posted|quoted|discussed|the\s+(?:post|description))",
    r"\b(?:(?:two|three|four|five|six|seven|eight|ten|\d+|several|many)\s+times|much|way|far)\s+(?:larger|bigger)\b",
    r"\bmore\s+than\s+(?:what\s+(?:was|we|i)\s+(?:\S+\s+)?(?:in|agreed|discussed|posted|quoted)|"
    r"(?:the\s+|what\s+the\s+)?(?:job\s+post|brief|contract|agreement|scope|spec|quote|budget))",
    r"\b(?:twice|double|triple|(?:two|three|four|five|six|seven|eight|ten|\d+|several|many)\s+times)\s+(?:the\s+|as\s+)?(?:size|amount\s+of\s+"
    r"work|work|scope|much\s+work|big)",
    r"\b(?:different|other)\s+(?:\S+\s+){0,2}?(?:from|than)\s+(?:what\s+(?:was|we|he|she|they)\s+"
    r"(?:\S+\s+)?|the\s+(?:one\s+)?)?(?:described|posted|advertised|agreed|discussed|promised|"
    r"job\s+(?:post|description)|brief)",
    r"\bon\s+top\s+of\s+(?:the\s+|our\s+)?(?:original\s+|agreed\s+|initial\s+)?(?:scope|spec|brief|"
    r"contract|agreement|price|quote|job|work|project)",
    r"\b(?:did\s*n'?t|did\s+not|does\s*n'?t|never|no\s+idea)\s+(?:really\s+)?(?:know|knew|"
    r"sure\s+(?:of|about))\s+what\s+(?:he|she|they|it)\s+want(?:ed|s)?",
    flip=False,
)
_add(
    SC,
    C,
    r"\b(?:moved?|moving|shift(?:ed|ing)?|chang(?:ed|ing))\s+(?:the\s+)?goal\s*-?posts?\b|"
    r"\bmoving\s+target\b",
    r"\b(?:scope|feature)[\s-]+creep\b",
    r"\bscope\s+(?:changes?|increases?|expansions?)\b",
    rf"\b(?:chang(?:e|ed|es|ing)|expand(?:ed|ing)?|increas(?:e|ed|ing)|extend(?:ed|ing)?|"
    r"widen(?:ed|ing)?|shift(?:ed|ing)?|redefin(?:e|ed|ing)|doubl(?:e|ed|ing)|tripl(?:e|ed|ing))"
    rf"\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+|all\s+the\s+|the\s+whole\s+|the\s+entire\s+)?"
    rf"(?:project\s+)?{_SC_OBJ}\b",
    r"(?<![\w-])(?:scope|requirements?|brief|spec|specs|specifications?|goals?|direction|plan|"
    r"task\s+list|job|project|work(?:load)?|deliverables)\s+(?:[^\s.,;!?]+\s+){0,3}?(?P<neg>never\s+|"
    r"did\s*n'?t\s+|did\s+not\s+|does\s*n'?t\s+|has\s*n'?t\s+|had\s*n'?t\s+|was\s*n'?t\s+|"
    r"were\s*n'?t\s+|not\s+|nothing\s+)?(?:\w+\s+)?(?:chang(?:e|ed|ing)|kept\s+(?:changing|growing|"
    r"shifting|expanding|evolving)|keeps\s+(?:changing|growing|shifting)|shift(?:ed|ing|s)?|"
    r"gr(?:ew|ow|ows|owing)|expand(?:ed|ing|s)?|tripled|doubled|ballooned|exploded|evolved|"
    r"crept|turned\s+into|went\s+from|became\s+(?:a\s+)?(?:full|whole|much|completely|totally|"
    r"entirely)|"
    r"increased|widened|budge|budged)\b",
    r"\bchang(?:ed|es|ing|e)\s+(?:his|her|their|its)\s+minds?\b",
    r"\b(?:kept|keep|keeps|constantly|always|continually|continuously|repeatedly)\s+(?:on\s+)?"
    r"(?:adding|added|asking\s+for|asked\s+for|requesting|requested|demanding|demanded|piling|"
    r"sneaking|wanting|wanted\s+more)\b(?!\s+(?:as|via|through|in\s+(?:a|the)\s+(?:new|separate)|"
    r"(?:\S+\s+)?(?:deadline|time|extensions?|help|feedback|updates|advice|clarification)))",
    r"\b(?:add(?:ed|ing|s)?|pil(?:e|ed|ing)\s+on|sneak(?:ed|ing)?\s+in|tack(?:ed|ing)?\s+on|"
    r"threw\s+in|asked\s+for|wanted|demanded|requested|expected)\s+(?:\S+\s+){0,3}?(?:extra|"
    r"additional|more|new|whole\s+new|a\s+whole\s+new|further)\s+(?:\S+\s+)?(?:features?|pages?|"
    r"work|tasks?|screens?|modules?|sections?|stuff|things|deliverables|requirements|revisions?|"
    r"functionality|posts?|items?|designs?|changes)\b(?!\s+(?:in|for|on)\s+(?:a|the|another)\s+"
    r"(?:future|next|new|separate|later|second|follow-?up))",
    r"\b(?:kept|keeps|constantly|always)\s+chang(?:ing|ed)\s+(?:what|his|her|their|the|everything|"
    r"things|direction|course)\b",
    r"\b(?:unlimited|endless|infinite|countless|never-?ending|constant|non-?stop)\s+(?:rounds?\s+of\s+)?"
    r"(?:revisions?|changes|edits|tweaks|requests|additions)\b",
    r"\bone\s+more\s+(?:small\s+|little\s+|quick\s+|tiny\s+)?(?:change|thing|feature|tweak|revision|"
    r"page|request)\b",
    r"\b(?:outside|beyond|out\s+of|not\s+in|not\s+included\s+in|never\s+in|nowhere\s+in|never\s+"
    r"mentioned\s+in|wasn'?t\s+in|weren'?t\s+in|was\s+not\s+in|were\s+not\s+in|had\s+nothing\s+to\s+"
    r"do\s+with|different\s+from)\s+(?:the\s+|our\s+|my\s+|what\s+(?:was|we|i)\s+)?(?:original\s+|"
    r"initial\s+|agreed\s+|first\s+)?(?:scope|contract|agreement|brief|job\s+(?:post(?:ing)?|"
    r"description|ad|listing)|spec|specs|deal|proposal|offer|quote|agreed|discussed|posted)",
    r"\b(?:price|rate|fee|quote|budget|cost)\s+(?:had\s+been\s+|has\s+been\s+|had\s+|has\s+|was\s+|"
    r"got\s+|suddenly\s+)?(?:doubled|"
    r"tripled|went\s+up|gone\s+up|increased|jumped|cut|slashed|reduced)",
    r"\b(?:surprise|hidden|unexpected)\s+(?:extra\s+)?(?:charges|costs|fees|bills)",
    r"\b(?:new|extra|additional)\s+(?:feature\s+|change\s+)?requests\b",
    r"\badded\s+(?:\S+\s+){0,2}?(?:features?|pages?|modules?|screens?|requirements|integrations?|"
    r"websites?|sites?|apps?)\b",
    r"\bcharg\w*\s+(?:us|me)\s+(?:more|extra)\s+than\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:original\s+"
    r"|agreed\s+)?(?:quote|price|estimate|budget)",
    r"\bover\s+budget\b",
    r"\b(?:vague|unclear|confusing|shifting|changing|moving|contradictory|incomplete|misleading|"
    r"poorly[\s-]defined|ill[\s-]defined|undefined|fuzzy)\s+(?:project\s+)?(?:scope|brief|"
    r"requirements?|specs?|specifications?|job\s+description|goals?)\b",
)
_add(
    SC,
    C,
    r"\b(?:halfway|half\s+way|midway|mid-?way|partway|part\s+way)\s+(?:through|into)\b",
    ctx=r"\b(?:decided|added|wanted|needed|asked|said|changed|doubled|price|more|new|extra|also)\b",
    flip=False,
)
_add(
    SC,
    C,
    r"\b(?:after|long\s+after|even\s+after)\s+(?:\S+\s+){0,3}?(?:approv(?:ing|ed|al)|"
    r"sign(?:ing|ed)?[\s-]?off|accept(?:ing|ed|ance)|agree(?:d|ing)?|signing|deliver\w*|"
    r"final\s+(?:version|delivery|draft|files)|launch|completion|handover|hand-?off|we\s+finished)\b",
    ctx=r"\b(?:chang\w*|redesign|redo|rework|revis\w*|add\w*|new|more|again)\b",
    flip=False,
)
_add(
    SC,
    P,
    r"\bpa(?:id|yed|ys)\s+(?:me\s+|us\s+)?(?:for\s+(?:it|them|that|those)|extra|more|accordingly|"
    r"separately)\b",
    ctx=r"\b(?:extra|additional|more\s+work|changes|new\s+features?|extras)\b",
)
_add(
    SC,
    C,
    r"\b(?:were|was|had\s+been)\s+never\s+(?:mentioned|discussed|agreed(?:\s+on)?|in\s+the\s+"
    r"(?:brief|post|contract|job\s+post|spec))\b",
    ctx=r"\b(?:sent|asked|wanted|added|list|must|more|extra|new|demanded|requested|expected)\b",
    flip=False,
)
_add(
    SC,
    C,
    r"\bwhat\s+(?:he|she|they)\s+actually\s+want(?:ed|s)\b",
    unless_before=r"\b(?:explain\w*|understand\w*|know|knew|sure|tell|told|said)\s+$",
    flip=False,
)
_add(
    SC,
    C,
    r"\b(?:budget|price|pay)\s+(?:did\s*n'?t|did\s+not|never|does\s*n'?t)\b",
    r"\brefus\w+\s+to\s+pay\s+for\s+(?:any\s+of\s+)?(?:them|it|those|these)\b",
    ctx=r"\b(?:grew|growing|tripled|doubled|expanded|kept|more|extra|added|bigger|twice)\b",
    flip=False,
)
_add(
    SC,
    P,
    r"\bnothing\s+(?:\S+\s+)?changed\b",
    ctx=_SCOPE_CONTEXT,
    flip=False,
)
_add(
    SC,
    P,
    r"\bknew\s+(?:exactly|precisely|clearly)\s+what\s+(?:he|she|they)\s+want(?:ed|s)?",
    r"\bknows?\s+(?:exactly\s+)?what\s+(?:he|she|they)\s+wants?",
    r"\bclear\s+(?:about|on)\s+what\s+(?:he|she|they)\s+(?:want(?:ed|s)?|need(?:ed|s)?)",
    r"\b(?:stuck|stick|sticks|sticking|kept|keep|keeps|stayed|stay|stays|adhered|held)\s+"
    r"(?:to|within)\s+(?:the\s+|our\s+|what\s+(?:we|was|i)\s+)?(?:original\s+|agreed\s+|initial\s+)?"
    r"(?:scope|brief|plan|agreement|spec|specs|contract|agreed|requirements|deal)",
    r"\b(?:respected|respects|respecting|honou?red|honou?rs)\s+(?:the\s+|our\s+)?"
    r"(?:agreed\s+|original\s+)?(?:scope|agreement|brief|contract|deal|terms)",
    rf"\b{_PAYV}\s+(?:me\s+|us\s+)?(?:separately\s+|extra\s+|more\s+|fairly\s+|properly\s+)?for\s+"
    r"(?:the\s+|any\s+|all\s+the\s+|every\s+|each\s+|those\s+|these\s+)?(?:\S+\s+)?(?:extra|"
    r"additional|new|added|extras|changes|overtime)",
    r"\b(?:paid|payed|billed|quoted|charged|invoiced|priced|budgeted)\s+(?:\S+\s+){0,2}?"
    r"separately",
    r"\b(?:extra|additional)\s+(?:\S+\s+)?(?:was|were)\s+(?:discussed\s+and\s+|always\s+)?"
    r"(?:paid|compensated|quoted|billed|budgeted)",
    r"\b(?:open(?:ed|s)?|creat(?:ed|es)|add(?:ed|s)?|set\s+up|made)\s+(?:a\s+)?(?:new|separate|"
    r"additional|extra)\s+(?:paid\s+)?milestones?",
    r"\b(?:added|handled|done|billed|treated|set\s+up)\s+as\s+(?:a\s+)?(?:new|separate)\s+(?:paid\s+)?"
    r"(?:milestones?|contracts?|offers?|jobs?|quotes?)",
    r"\b(?:a|the)\s+separate\s+(?:offer|quote|contract|milestone|invoice|job)\b",
    r"\bhandled\s+(?:our|the|my|all|any|all\s+our)\s+(?:\S+\s+)?(?:changes|change\s+requests|"
    r"revisions|requests)\s+(?:\S+\s+)?(?:well|gracefully|professionally|calmly|without\s+(?:any\s+)?"
    r"(?:fuss|complaint|drama|issues?|problems?))",
    r"\b(?:upfront|up\s+front|transparent|honest|clear)\s+about\s+(?:what\s+would\s+cost|(?:the\s+)?"
    r"(?:extra\s+)?costs?|pricing|extras?|what\s+was\s+(?:included|extra))",
    r"\b(?:increased|raised|adjusted|upped|topped\s+up)\s+(?:the\s+|my\s+)?(?:budget|pay|payment)\b",
    r"\bwell[\s-]scoped\b",
    r"\b(?:on|within|under)\s+budget\b",
    r"\b(?:went|go|goes|handled)\s+(?:through|via)\s+(?:a\s+)?(?:new|separate)\s+(?:paid\s+)?"
    r"(?:milestones?|contracts?|offers?|quotes?)",
    r"\b(?:price|quote|cost)\s+(?:stayed|remained|was)\s+(?:as\s+(?:quoted|agreed)|"
    r"the\s+same|fixed)",
)
_OWN_SPEC = (
    r"\b(?:we|i)\s+(?:gave|provided|sent|wrote|shared|prepared|had)\b|\b(?:our|my)\s+(?:\S+\s+)?$"
)
_add(
    SC,
    P,
    r"\b(?:clear|clearly[\s-]defined|well[\s-]defined|well[\s-]scoped|detailed|precise|fixed|"
    r"stable|realistic|thorough|solid|concrete)\s+(?:project\s+)?(?:scope|brief|requirements?|"
    r"specs?|specifications?|job\s+description)\b",
    unless_before=_OWN_SPEC,
)
_SC_SUBJ = (
    r"scope|requirements\s+doc(?:ument)?|requirements?|brief|spec|specs|specifications?|"
    r"job\s+description|job\s+post(?:ing)?|project\s+description|deliverables|goals?"
)
_add(
    SC,
    P,
    _pred(
        _SC_SUBJ,
        r"clear|clearly\s+defined|well[\s-]defined|well[\s-]documented|detailed|defined|stable|"
        r"fixed|precise|realistic|reasonable|fair|straightforward|the\s+same|unchanged|locked|"
        r"final|accurate|crystal\s+clear|set\s+in\s+stone|thorough|concrete|solid|specific|"
        r"well\s+thought\s+out|exactly\s+what|(?:exactly\s+)?as\s+(?:agreed|discussed|planned|posted|"
        r"described|"
        r"quoted)",
    ),
    unless_before=_OWN_SPEC,
)
_add(
    SC,
    C,
    _pred(
        _SC_SUBJ,
        r"vague|unclear|confusing|misleading|a\s+mess|chaotic|all\s+over\s+the\s+place|moving|"
        r"changing|shifting|incomplete|undefined|poorly\s+defined|ill[\s-]defined|inaccurate|"
        r"wrong|fuzzy|a\s+moving\s+target|non-?existent",
    ),
)

# --- communication ---------------------------------------------------------------------------
CO = "communication"
_CO_N = (
    r"(?:communication|communicator|communicating|comms|updates|explanations?|instructions|"
    r"feedback|answers|directions|guidance|messages)"
)
_add(
    CO,
    C,
    r"\bcommunicat(?:ed|es|ing|e)\s+(?:very\s+|really\s+)?(?:poorly|badly|terribly|rarely|little|"
    r"nothing)\b",
    r"\b(?:never|did\s*n'?t|did\s+not|does\s*n'?t|does\s+not|without|no)\s+(?:bother\s+to\s+|even\s+"
    r"|really\s+)?explain(?:ed|ing|s)?\b|\b(?:no|without\s+(?:any|an))\s+explanations?\b|"
    r"\b(?:could\s*n'?t|could\s+not|ca\s*n'?t|cannot|unable\s+to)\s+explain\b",
    r"\bask\w*\s+(?:several|many|multiple|three|four|five|a\s+few|repeatedly)\s+(?:\S+\s+)?for\s+"
    r"(?:an?\s+)?(?:status\s+|progress\s+)?updates?\b|\bchas\w*\s+(?:\S+\s+)?for\s+(?:an?\s+)?"
    r"(?:status\s+|progress\s+)?updates?\b",
    r"\bmisunderst\w*|\bmiscommunicat\w*",
    r"\blanguage\s+barrier\b",
    r"\bcontradict(?:ed|ing|s|ory)\b",
    r"\b(?:no|zero|without(?:\s+any)?|(?:never|rarely|seldom|did\s*n'?t|did\s+not)\s+(?:gave|give|"
    r"sent|send|provided|provide|shared|share|posted|post)(?:\s+(?:us|me))?(?:\s+any)?)\s+"
    r"(?:status\s+|progress\s+)?updates\b",
    r"\b(?:did\s*n'?t|did\s+not|never|without)\s+ask(?:ing|ed)?\s+(?:any\s+|a\s+single\s+)?"
    r"(?:\S+\s+)?questions?",
    r"\b(?:did\s*n'?t|did\s+not)\s+ask\b(?!\s+(?:for|me|us|about|if|whether))",
    r"\b(?:did\s*n'?t|does\s*n'?t|did\s+not|does\s+not|never)\s+(?:really\s+)?(?:read|listen|"
    r"listened|reads|listens)\b",
    r"\b(?:never|did\s*n'?t|did\s+not|without)\s+(?:tell(?:ing)?|told|inform(?:ed|ing)?|"
    r"let(?:ting)?\s+(?:me|us)\s+know|notif(?:y|ied|ying)|warn(?:ed|ing)?)\b",
    r"\buncommunicative\b",
    r"\bupdates?\s+only\s+(?:came|when)|\bonly\s+(?:gave|sent|shared)\s+updates",
    r"\bnever\s+knew\s+what\s+(?:he|she|they)\s+(?:\S+\s+)?(?:expected|wanted|meant)",
    flip=False,
)
_add(
    CO,
    P,
    r"\b(?:great|good|excellent|clear|fantastic|amazing|perfect|smooth|open|honest|transparent|"
    r"effective|constant|regular|frequent|proactive|superb|outstanding|wonderful|awesome|nice|"
    r"best|better|"
    r"easy|solid|top[\s-]notch|brilliant|strong|thorough|constructive|helpful|useful|detailed|"
    r"thoughtful|precise|actionable|concise)(?:,?\s+(?:and\s+)?[\w-]+)?\s+" + _CO_N + r"\b",
    r"\bcommunicat(?:ed|es|ing|e)\s+(?:\S+\s+)?(?:very\s+|really\s+|super\s+|so\s+)?(?:well|"
    r"clearly|effectively|openly|perfectly|regularly|great|nicely|honestly|often|frequently|"
    r"proactively|constantly|throughout|brilliantly|excellently)\b",
    r"\b(?:great|good|excellent|amazing|fantastic|brilliant|superb)\s+at\s+(?:communicating|"
    r"communication|explaining|keeping\s+(?:me|us)\s+(?:updated|informed))",
    r"\bcommunicative\b",
    r"\bkeeps?\s+(?:me|us|everyone|the\s+team)\s+(?:\S+\s+)?(?:updated|informed|posted|"
    r"in\s+the\s+loop|in\s+the\s+know|up\s+to\s+date)|\bkept\s+(?:me|us|everyone|the\s+team)\s+"
    r"(?:\S+\s+)?(?:updated|informed|posted|in\s+the\s+loop|in\s+the\s+know|up\s+to\s+date)",
    r"\b(?:regular|daily|weekly|frequent|proactive|detailed|helpful)\s+(?:progress\s+|status\s+)?"
    r"(?:updates|reports|check-?ins)",
    r"\bexplain(?:ed|s|ing)?\s+(?:\S+\s+){0,4}?(?:well|clearly|thoroughly|patiently|"
    r"in\s+plain\s+(?:english|language|terms|words)|in\s+detail|perfectly|nicely|everything|simply|"
    r"exactly\s+what)\b",
    r"\b(?:understood|understands|understand|understanding)\s+(?:exactly\s+|perfectly\s+|"
    r"quickly\s+|immediately\s+)?(?:what\s+(?:i|we)\s+(?:needed|wanted|meant|asked\s+for|was\s+after|"
    r"were\s+after)|the\s+(?:requirements|brief|task|assignment|project|goals?|vision))",
    r"\basked\s+(?:good|smart|the\s+right|great|clarifying|thoughtful|relevant|sharp|"
    r"intelligent|insightful)\s+(?:\S+\s+)?questions",
    r"\b(?:answered|answers|answering|answer)\s+(?:all\s+|every\s+|my\s+|our\s+|the\s+)?(?:\S+\s+)?"
    r"(?:questions?|everything)\s+(?:\S+\s+)?(?:thoroughly|clearly|in\s+detail|patiently|"
    r"carefully|well)",
    r"\b(?:said|says|stated|told\s+(?:me|us))\s+clearly\b",
    r"\bproactive(?:ly)?\b",
    r"\beasy\s+to\s+(?:communicate|talk)\s+with\b",
    r"\b(?:told|tells|informed|updated)\s+(?:us|me)\s+(?:\S+\s+)?(?:what|where|when|how|about)\b",
    r"\bexplain(?:ed|s|ing)?\s+(?:his|her|their|the|every|each|all)\s+(?:\S+\s+){0,2}?(?:reasoning|"
    r"thinking|decisions?|choices?|approach|process|options|trade-?offs|reasons?|steps?)",
    r"\b(?:flagged|flagging|flags|raised|raising)\s+(?:\S+\s+)?(?:issues|problems|risks|concerns)"
    r"\s+(?:early|proactively|right\s+away|upfront)",
)
_add(
    CO,
    P,
    r"\b(?:very|super|always|really|crystal|so)\s+clear\b(?!\s+(?:scope|brief|requirements?|"
    r"specs?|deadlines?|timeline|budget|that|about\s+what|on\s+what))",
    unless_before=r"\b(?:scope|requirements?|brief|spec|specs|specifications?|job\s+description|"
    r"deadlines?|timelines?)\b",
)
_add(
    CO,
    P,
    r"(?:very\s+|super\s+|always\s+|really\s+)?clear\b(?=\s*(?:[,.!]|and\b|but\b|when\b|$))",
    sentence_start=True,
)
_add(
    CO,
    C,
    r"\b(?:poor|bad|terrible|awful|horrible|lousy|weak|minimal|little|zero|lack\s+of|broken|"
    r"confusing|vague|unclear|contradictory|conflicting|inconsistent|sporadic|patchy|spotty|"
    r"slow|limited|non-?existent)(?:,?\s+(?:and\s+)?[\w-]+)?\s+" + _CO_N + r"\b",
    r"\b(?:hard|difficult|impossible|tough)\s+to\s+understand\b",
)
_CO_SUBJ = (
    r"communication|communications|instructions|explanations?|feedback|updates|answers|comms|"
    r"the\s+communication"
)
_add(
    CO,
    P,
    _pred(
        _CO_SUBJ,
        r"great|good|excellent|clear|crystal\s+clear|fantastic|amazing|perfect|smooth|easy|"
        r"effortless|open|honest|transparent|effective|frequent|regular|constant|detailed|"
        r"thorough|helpful|constructive|fine|solid|superb|outstanding|top[\s-]notch|spot\s+on|"
        r"on\s+point|excellent|a\s+breeze|seamless|wonderful|awesome|precise|timely",
    ),
)
_add(
    CO,
    C,
    _pred(
        _CO_SUBJ,
        r"poor|bad|terrible|awful|horrible|lousy|weak|lacking|non-?existent|a\s+mess|"
        r"a\s+nightmare|a\s+struggle|a\s+challenge|an?\s+(?:issue|problem)|difficult|hard|"
        r"confusing|vague|unclear|all\s+over\s+the\s+place|rare|sparse|sporadic|minimal|"
        r"one[\s-]sided|contradictory|inconsistent|broken|limited|tough|chaotic|a\s+disaster|"
        r"unclear|cryptic|useless",
    ),
)

# --- responsiveness --------------------------------------------------------------------------
RE_ = "responsiveness"
_add(
    RE_,
    C,
    r"\b(?:un|non-?)responsive\b|\bunreachable\b",
    r"\bghost(?:ed|ing|s)?\b|\b(?:went|go(?:es|ing)?|gone)\s+(?:completely\s+|totally\s+)?"
    r"(?:silent|quiet|dark|missing|awol|mia|off\s+the\s+radar|radio\s+silent|off\s+grid)\b|"
    r"\bradio\s+silence\b|\b(?:disappear|vanish)(?:ed|s|ing)?\b|\b(?:mia|awol)\b|"
    r"\b(?:dropped|fell)\s+off\s+the\s+(?:radar|face\s+of\s+the\s+earth)",
    r"\bstopped\s+(?:answering|replying|responding|communicating|returning|reading|picking\s+up)",
    r"\bignor(?:ed|es|ing)\s+(?:all\s+(?:of\s+)?|most\s+(?:of\s+)?)?(?:my|our|the|his|her)?\s*"
    r"(?:\S+\s+)?(?:messages|emails|calls|texts|questions|pings|mails|follow[\s-]?ups)",
    r"\b(?:never|did\s*n'?t|did\s+not|does\s*n'?t|does\s+not|won'?t|would\s*n'?t|would\s+not|"
    r"rarely|seldom|hardly\s+ever)\s+(?:\S+\s+)?(?:repl(?:y|ied|ies)|respond(?:ed|s)?|"
    r"answer(?:ed|s)?|return(?:ed)?\s+(?:my|our)|pick(?:ed)?\s+up|get\s+back|got\s+back)\b"
    r"(?!\s+(?:\S+\s+)?(?:questions?\s+)?(?:thoroughly|clearly|in\s+detail))",
    r"\bno\s+(?:reply|replies|response|responses|answer|answers|word)\b",
    r"\b(?:could\s*n'?t|could\s+not|ca\s*n'?t|cannot|can\s+not|unable\s+to)\s+(?:be\s+reached|"
    r"reach|contact|get\s+(?:a\s+)?hold\s+of|get\s+through)",
    r"\bgetting\s+(?:a\s+)?(?:hold\s+of|through\s+to|in\s+touch\s+with|a\s+(?:reply|response|"
    r"answer)\s+from|(?:him|her|them)\s+to\s+(?:reply|respond|answer))\s+(?:\S+\s+)?(?:was|is)\s+"
    r"(?:a\s+|an\s+)?(?:real\s+)?(?:challenge|struggle|nightmare|pain|impossible|hard|difficult|"
    r"ordeal)",
    r"\b(?:repl\w*|respon\w*|answer\w*)\s+(?:\S+\s+){0,3}?once\s+(?:a|every|per|in)\s+",
    r"\b(?:replies|responses|answers|reply|response|answer)\s+(?:\S+\s+){0,3}?(?:(?:could|would|can|"
    r"might|will)\s+)?(?:took|take|takes)\s+"
    r"(?:\S+\s+){0,2}?(?:days|weeks|ages|forever|forver|hours|a\s+week)",
    r"\bstill\s+waiting\s+(?:for|on)\s+(?:a|an|any|his|her|their)\s+(?:reply|response|answer)",
    r"\bon\s+read\b",
    flip=False,
)
_add(
    RE_,
    C,
    r"\b(?:hard|difficult|impossible|tough|a\s+challenge|a\s+struggle|a\s+nightmare)\s+to\s+"
    r"(?:reach|contact|get\s+(?:a\s+)?hold\s+of|get\s+in\s+touch(?:\s+with)?|get\s+(?:an?\s+|any\s+)?"
    r"(?:reply|response|answer)(?:\s+from)?|track\s+down|pin\s+down)",
    r"\b(?:slow|late|sluggish|delayed)\s+(?:to\s+(?:respond|reply|answer|get\s+back)|(?:replies|"
    r"reply|responses?|answers?|responding|replying))",
    r"\btook\s+(?:\S+\s+){0,6}?to\s+(?:reply|respond|answer|get\s+back|write\s+back)",
    r"\bleft\s+(?:me|us)\s+(?:hanging|waiting)",
)
_add(
    RE_,
    P,
    r"\bresponsive\b",
    r"\b(?:repl(?:ied|ies|y|ying)|replys|respond(?:ed|s|ing)?|answer(?:ed|s|ing)?|"
    r"(?:got|gets|get)\s+back(?:\s+to\s+(?:me|us))?)\s+(?:[^\s.,;!?]+\s+){0,3}?(?:quickly|quick|"
    r"fast|promptly|immediately|instantly|right\s+away|straight\s+away|within\s+(?:minutes|"
    r"an?\s+hour|the\s+hour|hours|(?:a\s+few|a\s+couple\s+of|two|three|\d+)\s+(?:minutes|hours?|mins?)|"
    r"\d+\s+(?:minutes|hours?|mins?))|in\s+minutes|"
    r"the\s+same\s+day|same\s+day|swiftly|asap|in\s+no\s+time)\b",
    r"\b(?:always|very|highly|easily|readily|super|constantly)\s+(?:available|reachable|online|"
    r"accessible|contactable)\b|\b(?:available|reachable|online)\s+(?:whenever|when(?:ever)?\s+"
    r"(?:we|i)\s+needed|at\s+all\s+times|24/7|on\s+(?:slack|chat|whatsapp|email|skype|teams)|"
    r"for\s+(?:calls|questions|a\s+call))|\b(?:easy|simple)\s+to\s+(?:reach|contact|"
    r"get\s+hold\s+of|get\s+in\s+touch\s+with)|\breachable\b",
)
_add(
    RE_,
    P,
    r"\b(?:quick|fast|prompt|speedy|rapid|immediate|timely|instant|swift|super\s+fast|"
    r"lightning[\s-]fast)\s+(?:to\s+(?:respond|reply|answer|get\s+back)|replies|reply|responses?|"
    r"answers?|response\s+times?)\b",
    unless_before=r"\b(?:demand\w*|expect\w*|want\w*|insist\w*|ask\w*\s+for|needs?|needed)\s+"
    r"(?:\S+\s+)?$",  # "demanding immediate answers" is not praise
)
_RE_SUBJ = r"replies|responses|answers|response\s+times?|reply\s+times?|his\s+replies|her\s+replies"
_add(RE_, P, _pred(_RE_SUBJ, r"fast|quick|prompt|immediate|instant|swift|timely|speedy|rapid"))
_add(
    RE_,
    C,
    _pred(
        _RE_SUBJ,
        r"slow|slower|late|delayed|rare|sporadic|few\s+and\s+far\s+between|non-?existent|"
        r"days\s+apart",
    ),
)

# --- quality ---------------------------------------------------------------------------------
QU = "quality"
_QN = (
    r"(?:work|job|code|coding|result|results|outcome|designs?|product|final\s+product|"
    r"deliverables?|output|writing|translations?|copy|copywriting|articles?|research|"
    r"illustrations?|logos?|animations?|app|website|site|videos?|editing|photos?|content|"
    r"drawings?|artwork|art|mockups?|layout|ui|ux|api|build|implementation|solution|reports?|"
    r"documentation|quality|craftsmanship|drafts?|texts?|blog\s+posts?|posts|data|analysis|"
    r"models?|scripts?|pipeline)"
)
_QU_SELF = r"\bcall(?:ed|ing|s)?\s+(?:me|us|my\s+work|our\s+work|it)\s+(?:an?\s+)?$"
_add(
    QU,
    P,
    r"\b(?:excellent|great|amazing|outstanding|fantastic|superb|top[\s-]notch|high[\s-]quality|"
    r"quality|solid|good|beautiful|gorgeous|brilliant|impressive|stellar|flawless|perfect|"
    r"awesome|awsome|incredible|exceptional|polished|clean|neat|accurate|careful|creative|"
    r"wonderful|professional|elegant|robust|well[\s-]\w+|first[\s-]class|world[\s-]class|fine|"
    r"nice|lovely|stunning|fabulous|terrific|remarkable|tidy|readable|maintainable|thorough)"
    r"(?:(?:,\s*|\s+and\s+|\s+)(?!(?:to|with|at|for|of|in|on|the|a|an)\b)[\w-]+)?\s+"
    + _QN
    + r"\b(?!\s+(?:post|description|ethic))",
    r"\b(?:excellent|great|amazing|fantastic|talented|skilled|brilliant|top[\s-]notch|"
    r"outstanding|superb|incredible|exceptional|gifted|solid|strong|competent|capable|"
    r"experienced|knowledgeable)\s+(?:\S+\s+)?(?:developer|dev|designer|writer|illustrator|"
    r"engineer|programmer|coder|translator|editor|artist|copywriter|photographer|animator|"
    r"marketer|analyst|architect|videographer|researcher)\b",
    r"\b(?:talented|skilled|skillful|knowledgeable|competent|capable|gifted|meticulous|"
    r"detail[\s-]oriented|accurate)\b",
    r"\bknows\s+(?:his|her|their)\s+(?:stuff|craft|trade|way\s+around)",
    r"\babove\s+and\s+beyond\b",
    r"\battention\s+to\s+detail\b",
    r"\b(?:met|meets|meet|exceeded|exceeds|exceed|surpassed|beat)\s+(?:all\s+)?(?:my|our|the|all|"
    r"every)?\s*(?:\S+\s+)?(?:expectations|standards)",
    r"\b(?:happy|pleased|satisfied|thrilled|delighted|impressed|blown\s+away|ecstatic|stoked)\s+"
    r"(?:\S+\s+)?(?:with|by)\s+(?:the|his|her|their|it|this)?\s*(?:\S+\s+)?(?:work|result|results|"
    r"outcome|quality|product|deliverables?|final\s+product|designs?|code|logo|job|it)\b",
    r"\bworks?(?:ed|ing)?\s+(?:perfectly|flawlessly|great|as\s+expected|as\s+intended|"
    r"like\s+a\s+charm|beautifully|smoothly)\b(?!\s+(?:together|with))",
    r"\b(?:not\s+a\s+single|no|zero|without\s+(?:any\s+)?)\s+(?:\S+\s+)?bugs?\b|\bbug[\s-]?free\b",
    r"\b(?:easy\s+to\s+maintain|tests\s+included|well[\s-]tested|with\s+tests)\b",
    r"\bbetter\s+than\s+(?:i|we)\s+(?:imagined|expected|hoped)",
    r"\bexactly\s+on\s+brand\b",
    r"\bknows\s+(?:\S+\s+){1,2}inside\s+(?:and\s+)?out\b",
    r"\bnailed\s+(?:it|the\s+(?:brief|design|task|assignment|look))\b",
    r"\bnothing\s+(?:broke|crashed|failed)\b",
    unless_before=_QU_SELF,
    self_skip=True,
)
_add(
    QU,
    C,
    r"\b(?:poor|bad|low|terrible|awful|sloppy|mediocre|subpar|sub-?par|shoddy|amateur(?:ish)?|"
    r"messy|buggy|broken|unusable|generic|careless|lazy|horrible|lousy|weak|half[\s-](?:finished|"
    r"baked|done|assed)|incomplete|unfinished|low[\s-]quality|poor[\s-]quality|inferior|rushed|"
    r"garbage|crappy|substandard|plagiari[sz]ed|copied|ai[\s-]generated|disappointing|"
    r"inaccurate|unreadable)(?:(?:,\s*|\s+and\s+)[\w-]+)?\s+" + _QN + r"\b",
    r"\b(?:bad|poor|terrible|inexperienced|incompetent|amateur|mediocre|weak|lazy)\s+(?:\S+\s+)?"
    r"(?:developer|dev|designer|writer|illustrator|engineer|programmer|coder|translator|editor|"
    r"artist|copywriter)\b",
    r"\bmachine[\s-]translated\b",
    r"\b(?:sloppy|buggy|mediocre|subpar|sub-par|shoddy|amateurish|unusable|incompetent|careless|"
    r"plagiari[sz](?:ed|ing|m)|ai[\s-]generated|riddled\s+with|full\s+of\s+(?:bugs|errors|mistakes"
    r"|typos|issues|problems)|half[\s-](?:finished|baked|done|assed))\b",
    r"\b(?:lots\s+of|lot\s+of|many|so\s+many|tons\s+of|plenty\s+of|several|numerous|obvious|"
    r"countless|endless|major|critical|serious|basic)\s+(?:\S+\s+)?(?:bugs|errors|mistakes|typos|"
    r"issues|glitches|problems|artifacts|flaws)\b(?!\s+with\s+(?:the\s+|his\s+|her\s+)?"
    r"(?:payments?|communication|deadlines?|invoices?|scope))",
    r"\bcrash(?:ed|es|ing)?\b",
    r"\b(?:blurry|pixelated|out\s+of\s+sync|low[\s-]res|distorted|choppy|grainy|off-?brand|"
    r"unreadable|illegible|clunky)\b",
    r"\b(?:features?|pages?|links?|buttons?|forms?|things|parts|screens?|functions?)\s+"
    r"(?:were\s+|was\s+|are\s+|is\s+)?(?:broken|missing|not\s+working)\b",
    r"\bcopied\s+(?:from|off|it)\b",
    r"\bbroken\s+(?:links?|pages?|features?|layouts?|images?|builds?|code|tests?|forms?)\b",
    r"\bmissing\s+(?:tests|features|pages|screens|files|translations|sections)\b|\bplaceholder\b",
    r"\b(?:no|zero|without\s+any)\s+(?:structure|tests|documentation|error\s+handling)\b",
    r"\bcopy[\s-]past(?:e|ed|ing)\b",
    r"\b(?:built|delivered|made|designed|wrote|implemented)\s+the\s+wrong\s+(?:thing|features?|"
    r"design|version|app|page)",
    r"\b(?:no\s+tests|untested|not\s+tested|nothing\s+was\s+tested)\b",
    r"\bnot\s+(?:good|great)\s+enough\b",
    r"\bnot\s+(?:the\s+)?(?:quality|standard|level)\s+(?:of\s+work\s+)?(?:i|we)\s+(?:expected|"
    r"hoped\s+for|was\s+expecting|were\s+expecting|paid\s+for)",
    unless_before=_QU_SELF,
    self_skip=True,
)
_add(
    QU,
    C,
    r"\b(?:had|have|needed|need)\s+to\s+(?:be\s+)?(?:re-?do(?:ne)?|re-?writ(?:e|ten)|"
    r"re-?work(?:ed)?|fix(?:ed)?|clean(?:ed)?\s+up|redone|throw\s+(?:it\s+)?away|start\s+over|scrap)",
    r"\b(?:do(?:es)?\s*n'?t|did\s*n'?t|does\s+not|did\s+not|never|nothing)\s+(?:\S+\s+)?(?:work|worked|"
    r"works|function(?:ed|s)?|run|ran|compile[sd]?|load(?:ed|s)?)\b(?!\s+(?:with|for|together|"
    r"again|out|on\s+(?:the\s+)?(?:weekend|project|it)|in\s+the))",
    r"\b(?:did\s*n'?t|did\s+not|does\s*n'?t|does\s+not|failed\s+to|never)\s+(?:match|follow|meet|"
    r"respect|fit|reflect)\s+(?:the|our|my|any)?\s*(?:\S+\s+)?(?:spec|specs|brief|requirements|"
    r"instructions|guidelines|mockups|design|expectations|standards?|description|style\s+guide|"
    r"brand)",
    r"\bignor(?:ed|es|ing)\s+(?:most\s+of\s+|all\s+(?:of\s+)?|half\s+(?:of\s+)?)?(?:our|my|the)\s+"
    r"(?:\S+\s+)?(?:notes|feedback|guidelines|instructions|comments|brief|spec|requirements|"
    r"corrections)",
    flip=False,
)
_add(
    QU,
    C,
    r"\b(?:looked|looks|look|was|is|came\s+out)\s+nothing\s+like\b",
    unless_before=r"\b(?:job\s+(?:post|description)|brief|spec|description|listing|post|ad)\b",
    flip=False,
)
_REPORTED = r"\b(?:claim\w*|said|says|saying|accus\w*|pretend\w*|insist\w*|complain\w*)\b"
_QU_SUBJ = (
    r"work|code|result|results|outcome|designs?|product|final\s+product|deliverables?|output|"
    r"writing|translations?|copy|articles?|research|illustrations?|logos?|animations?|app|"
    r"website|site|videos?|content|artwork|quality|documentation|drafts?|texts?|the\s+work"
)
_add(
    QU,
    P,
    _pred(
        _QU_SUBJ,
        r"excellent|great|amazing|outstanding|fantastic|superb|top[\s-]notch|high[\s-]quality|"
        r"solid|good|beautiful|gorgeous|brilliant|impressive|flawless|perfect|awesome|incredible|"
        r"exceptional|polished|clean|accurate|spot\s+on|on\s+point|fine|stunning|smooth|"
        r"exactly\s+what|thorough|well[\s-]\w+|easy\s+to\s+(?:use|read|maintain)|better\s+than|"
        r"as\s+expected|there|up\s+to\s+(?:par|standard)|lovely|nice|professional|neat|tidy|"
        r"readable|natural|creative|on\s+brand",
        gap=2,
    ),
)
_add(
    QU,
    C,
    _pred(
        _QU_SUBJ,
        r"poor|bad|terrible|awful|sloppy|mediocre|subpar|shoddy|amateurish|messy|buggy|broken|"
        r"unusable|generic|careless|lazy|horrible|lousy|weak|disappointing|below\s+(?:par|average|"
        r"expectations|standard)|not\s+up\s+to|full\s+of|riddled\s+with|a\s+mess|a\s+disaster|"
        r"garbage|useless|wrong|inaccurate|incomplete|unfinished|copied|plagiari[sz]ed|missing|"
        r"low[\s-]quality|poor\s+quality|unreadable",
        gap=2,
    ),
    unless_before=_REPORTED,
)

# --- deadlines -------------------------------------------------------------------------------
DL = "deadlines"
_PAY_BEFORE = r"\b(?:pa(?:id|yed|ys?|ying|yments?|yer)|invoices?|funds|money|escrow)\b"
_add(
    DL,
    P,
    r"\b(?:tight|short|aggressive)\s+(?:deadline|timeline)s?\s+but\s+(?:fair|doable|reasonable|"
    r"realistic|manageable|achievable)",
    flip=False,
)
_add(
    DL,
    C,
    r"\b(?:never|did\s*n'?t|did\s+not|failed\s+to|could\s*n'?t|could\s+not|unable\s+to|yet\s+to)\s+"
    r"(?:\S+\s+)?(?:deliver(?:ed)?|finish(?:ed)?|complete(?:d)?|hand(?:ed)?\s+over|submit(?:ted)?)\b",
    r"\b(?:abandoned|walked\s+away\s+from|quit|dropped)\s+(?:the\s+|our\s+|my\s+)?(?:project|job|"
    r"work|contract|task)",
    r"\bstopped\s+working\b",
    r"\bdeadlines?\s+came\s+and\s+went\b",
    r"\b(?:dragged|drag|dragging|drags)\s+on\b",
    r"\b(?:pushed|pushing|push|pushes|kept\s+pushing)\s+(?:back\s+)?(?:the\s+|our\s+)?(?:deadline|"
    r"date|delivery|launch|timeline)s?(?:\s+back|\s+out)?",
    r"\b(?:everything|it|deadline\s+of|due|by|done)\s+\W?\s*yesterday\b",
    r"\b(?:expected|expects|wanted|wants|demanded|demands|needed|asked\s+for|insisted\s+on)\s+"
    r"(?:\S+\s+){0,8}?(?:overnight|by\s+tomorrow|(?:with)?in\s+(?:\d+|one|two|three|a\s+few|24|48)"
    r"\s+hours|in\s+(?:a|one)\s+(?:day|night|evening))",
    r"\b(?:would\s*n'?t|would\s+not|refused\s+to|won'?t|did\s*n'?t|did\s+not)\s+(?:move|extend|push|"
    r"change|shift)\s+(?:the\s+)?(?:date|deadline|launch|timeline)",
    r"\b(?:took|taking|takes)\s+(?:twice|much|way|far|a\s+lot|\S+\s+times|weeks|months)\s+"
    r"(?:as\s+long|longer|more\s+time)\s+(?:than|as)\s+(?:\S+\s+)?(?:promised|agreed|estimated|"
    r"expected|planned|quoted|said)",
    r"\bpast\s+the\s+(?:deadline|due\s+date)\b",
    r"\btook\s+(?:\S+\s+){0,2}?(?:days|weeks|months)\s+instead\s+of\b",
    r"\bmoved\s+(?:the\s+|our\s+)?(?:deadline|due\s+date|launch)\s+(?:forward|up|earlier)",
    r"\b\d+[\s-]hours?\s+deadline\b",
    r"\b(?:asked|asking|begged|needed|requested|requesting|wanted)\s+(?:for\s+)?(?:\S+\s+)?"
    r"(?:deadline\s+)?extensions?\b|\b(?:asked|asking)\s+for\s+more\s+time\b",
    flip=False,
    self_skip=True,
)
_add(
    DL,
    P,
    r"\b(?:deliver(?:ed|s|y|ing)?|finish(?:ed|es|ing)?|complet(?:ed|es|ing)|submitted|shipped|"
    r"handed\s+(?:it\s+)?(?:over|in)|done|ready|turned\s+(?:it\s+)?around|came\s+in|"
    r"got\s+(?:it|everything)\s+done)\s+(?:[^\s.,;!?]+\s+){0,6}?(?:on\s+time|early|"
    r"ahead\s+of\s+(?:schedule|time|the\s+deadline)|before\s+(?:the\s+)?(?:deadline|due\s+date|"
    r"schedule)|b4\s+the\s+deadline|on\s+schedule|in\s+time|as\s+promised|on\s+the\s+dot|"
    r"in\s+half\s+the\s+(?:\S+\s+)?time|(?:a\s+|\S+\s+)?(?:days?|weeks?)\s+(?:early|ahead)|"
    r"right\s+on\s+time|"
    r"within\s+(?:the\s+)?(?:deadline|timeline|timeframe|schedule|\d+\s+(?:hours|days))|quickly|"
    r"fast|promptly|super\s+fast)",
    r"\bon\s+time\b(?!\s+with\s+(?:\S+\s+)?(?:payments?|invoices?|paying|pay\b))",
    r"\b(?:met|meets|meet|hit|hits|hitting|meeting|made|respected|kept|beat)\s+"
    r"(?!(?:missing|blowing|pushing|moving|slipping|changing)\b)(?:every|all|each|"
    r"the|a|all\s+the|every\s+single|all\s+of\s+the|our|my|his|her|their)?\s*(?:\S+\s+)?"
    r"(?:deadlines?|milestones?|due\s+dates?|timelines?|schedule)\b",
    r"\b(?:ahead\s+of|on)\s+schedule\b",
    r"\b(?:on|by)\s+the\s+agreed\s+(?:date|deadline|day)\b",
    r"\b(?:fast|quick|speedy|rapid|prompt|lightning|super\s+fast|quick\s+and\s+easy)\s+"
    r"(?:delivery|turnaround|turn-around|delivery\s+time|worker)\b",
    r"\b(?:reasonable|realistic|generous|fair|flexible|relaxed|achievable|doable|sensible|"
    r"comfortable)\s+(?:deadlines?|timelines?|time\s*frames?|schedules?|turnarounds?|due\s+dates?)",
    r"\b(?:gave|gives|give|allowed|allows|offered|granted)\s+(?:me|us)\s+(?:plenty\s+of|enough|"
    r"extra|more|ample|lots\s+of|a\s+lot\s+of|sufficient)\s+time\b",
    r"\bflexible\s+(?:\S+\s+){0,6}?(?:deadlines?|dates?|timelines?|days?|extensions?)\b",
    r"\bunderstanding\s+(?:about|with|regarding|on)\s+(?:the\s+)?(?:deadlines?|dates?|timelines?|"
    r"delays?)",
    r"\bno\s+(?:time\s+)?pressure\b",
    unless_before=_PAY_BEFORE,
    self_skip=True,
)
_add(
    DL,
    P,
    r"(?:very\s+|super\s+|really\s+|incredibly\s+)?(?:fast|quick|speedy)\b(?=\s*(?:[,.!]|and\b|"
    r"but\b|$))",
    clause_start=True,
)
_add(
    DL,
    C,
    r"\b(?:missed|miss|missing|misses|blew|blown|overran|overshot|slipped|slipping)\s+"
    r"(?:\S+\s+){0,2}?(?:deadlines?|milestones?|due\s+dates?|dates?|the\s+launch|timelines?|"
    r"estimates?)\b",
    r"\b(?:deadlines?|milestones?|due\s+dates?)\s+(?:was\s+|were\s+)?(?:missed|blown|slipped)",
    r"\blate\s+(?:on|with|for)\s+(?:every|each|all|the|most|several)\s+(?:\S+\s+)?(?:milestones?|"
    r"deadlines?|deliver\w*|tasks?|drafts?)",
    r"\b(?:unrealistic|impossible|insane|crazy|tight|aggressive|ridiculous|unreasonable|absurd|"
    r"brutal|short|rushed|silly|crazy\s+tight|super\s+tight|very\s+tight)\s+(?:deadlines?|"
    r"timelines?|time\s*frames?|schedules?|turnarounds?|due\s+dates?)",
    r"\b(?:slow|late|delayed)\s+(?:delivery|deliveries|turnaround|progress)\b",
    r"\brush(?:ed|ing)?\s+(?:me|us)\b",
    r"\b(?:constant|a\s+lot\s+of|so\s+much|too\s+much|huge|crazy|immense|unreasonable)\s+"
    r"(?:time\s+)?pressure\b",
    unless_before=_PAY_BEFORE,
    self_skip=True,
)
_add(
    DL,
    C,
    r"\b(?:took|wait(?:ed)?|waiting)\s+(?:\S+\s+){0,2}?longer\s+than\s+(?:\S+\s+)?(?:promised|"
    r"agreed|estimated|expected|planned|quoted|said)",
    flip=False,
)
# Bare "late"/"delay": about delivery unless the sentence was talking about money before.
_add(
    DL,
    C,
    r"\bdelay(?:s|ed|ing)?\b(?!\s+(?:with\s+|in\s+)?(?:the\s+|my\s+|his\s+)?(?:pay|payments?|"
    r"invoices?))",
    r"\blate\b(?!\s+(?:at\s+)?(?:night|nights|hours|evening|replies|reply|responses?|answers?|"
    r"payments?|pay\b|paying|payer|with\s+(?:a\s+|the\s+|his\s+|her\s+)?payments?))",
    unless_before=_PAY_BEFORE + r"|\b(?:for|about|over)\s+(?:a|the|my|one|any)\s+(?:\S+\s+)?$",
    unless_sentence=True,
    self_skip=True,
)
_DL_SUBJ = (
    r"deadlines?|timelines?|time\s*frames?|schedules?|due\s+dates?|turnaround|delivery|"
    r"deliveries|the\s+pace|timing"
)
_add(
    DL,
    P,
    _pred(
        _DL_SUBJ,
        r"reasonable|realistic|generous|fair|flexible|relaxed|achievable|doable|sensible|"
        r"comfortable|fast|quick|on\s+time|early|prompt|speedy|met",
    ),
)
_add(
    DL,
    C,
    _pred(
        _DL_SUBJ,
        r"unrealistic|impossible|insane|crazy(?:\s+tight)?|tight|aggressive|ridiculous|"
        r"unreasonable|absurd|brutal|late|delayed|slow|missed|a\s+joke|too\s+short|rushed",
    ),
    unless_before=_PAY_BEFORE,
)

# --- respect ---------------------------------------------------------------------------------
RS = "respect"
_add(
    RS,
    P,
    r"\b(?:respectful|courteous|polite|politely|kind(?!\s+of)|kindly|(?<!-)friendly|patient|"
    r"considerate|gracious|humble|appreciative|pleasant|warm|supportive|cordial|well[\s-]mannered|"
    r"good[\s-]natured|easy[\s-]?going|chill|down[\s-]to[\s-]earth|understanding(?!\s+(?:of|the|"
    r"what|how|that)))\b",
    r"\bnice\s+(?:guy|person|man|woman|lady|people|human|fellow|individual|folks)\b",
    r"\btreat(?:ed|s)?\s+(?:me|us)\s+(?:\S+\s+){0,3}?(?:with\s+respect|as\s+a\s+partner|"
    r"like\s+a\s+partner|fairly|well|kindly|as\s+an\s+equal|like\s+a\s+human|"
    r"like\s+a\s+professional|with\s+kindness)",
    r"\bthanked\s+(?:me|us)\b",
    r"\brespected\s+(?:me|us|my\s+(?:time|work|boundaries|expertise|opinion|process))\b",
)
_add(RS, C, r"\bshould\s+be\s+(?:grateful|thankful|happy)\s+(?:he|she|they|for|to|that)\b")
_add(
    RS,
    C,
    r"\b(?:rude|rudely|rudeness|abusive|abuse[ds]?|insult(?:ed|ing|s)?|yell(?:ed|ing|s)?|"
    r"shout(?:ed|ing|s)?|scream(?:ed|ing|s)?|swore|swear(?:ing|s)?|curs(?:ed|ing)\s+(?:at|me)|"
    r"threat(?:en(?:ed|ing|s)?|s)?|blackmail(?:ed|ing)?|extort(?:ed|ion|ing)?|"
    r"harass(?:ed|ing|ment)?|condescending|patroni[sz]ing|disrespect(?:ful|ed|ing)?|"
    r"belittl(?:e|ed|ing)|demeaning|degrading|hostile|hostility|"
    r"aggressive(?!\s+(?:deadlines?|timelines?|schedules?|pricing))|aggression|arrogant|arrogance|"
    r"offensive|toxic|nasty|obnoxious|passive[\s-]aggressive|manipulative|bully(?:ing)?|bullied|"
    r"intimidat(?:ing|ed|e)|mocked|mocking|humiliat(?:ed|ing)|snarky|racist|sexist|creepy|"
    r"inappropriate|unpleasant|impolite|unkind|unfriendly|accus(?:ed|ing)\s+(?:me|us))\b",
    r"\bangry\s+(?:\S+\s+)?(?:messages|emails|calls|rants?|texts)|\ball[\s-]caps\b",
    r"\bgot\s+(?:really\s+|very\s+)?(?:mad|angry|furious|nasty|aggressive|hostile|abusive|rude|"
    r"heated|annoyed|irritated)\b|\blost\s+(?:his|her|their)\s+temper\b",
    r"\bcall(?:ed|ing|s)?\s+(?:me|us)\s+(?:an?\s+)?(?:lazy|stupid|incompetent|idiot|useless|names|"
    r"greedy|scammer|liar|thief|worthless|dumb|amateur|fraud|cheat)",
    r"\btalk(?:ed|s|ing)?\s+down\s+to\b",
    r"\bcall(?:ed|ing|s)?\s+my\s+(?:work|code|design|writing)\s+(?:\S+\s+)?(?:garbage|trash|crap|"
    r"rubbish|shit|worthless|useless)",
    r"\b(?:left|gave)\s+(?:me|us)\s+(?:a\s+)?(?:one|1|a\s+single)[\s-]?star\b",
    r"\btreated\s+(?:me|us)\s+like\s+(?:dirt|garbage|crap|trash|an?\s+(?:\S+\s+)?(?:slave|servant|"
    r"machine|child|kid|robot|employee|idiot|dog))",
    # "I threatened a dispute", "had to threaten": the author, not the counterpart
    unless_before=r"\b(?:i|we)\s+(?:had\s+to\s+|then\s+|also\s+|even\s+)?$|\bhad\s+to\s+$",
)


# ---------------------------------------------------------------------------------------------
# Masks: same-length rewrites of idioms, applied to the lower-cased text before matching.

_MASK_LIST: tuple[tuple[str, str], ...] = (
    (r"could(?:\s*n'?t|\s+not)\s+(?:have\s+)?(?:been|be)\s+(?:any\s+)?better", "was excellent"),
    (r"could(?:\s*n'?t|\s+not)\s+be\s+(?:any\s+)?happier", "very happy"),
    (
        r"(?:could(?:\s*n'?t|\s+not)|can'?t|cannot)\s+(?:have\s+)?(?:asked|ask|wish|wished)\s+"
        r"for\s+(?:a\s+|an\s+|any(?:one|body)?\s+)?(?:better|more)",
        "excellent",
    ),
    (r"not\s+(?:too\s+|that\s+|half\s+)?bad(?:\s+at\s+all)?", "good"),
    (r"could\s+(?:have\s+been|'ve\s+been|be)\s+better|room\s+for\s+improvement", "was poor"),
    (r"\bnot\s+only\b|\bnot\s+just\b|\bno\s+doubt\b|\bwithout\s+a\s+doubt\b", ""),
    (r"\bno\s+matter\b|\bno\s+wonder\b|\bnever\s+again\b|\bnot\s+sure\b", ""),
    (r"\b(?:can'?t|cannot|could\s*n'?t|don'?t)\s+(?:believe|imagine)\b", ""),
    (r"\bsecond\s+to\s+none\b", "excellent"),
    (
        r"\bnever\s+(?=(?:been|seen|had|met|worked\s+with|dealt\s+with|experienced)\s+"
        r"(?:\S+\s+){0,2}?(?:such|so|a\s+more|anyone\s+(?:so|as|more)|this))",
        "",
    ),
)
_MASK = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(_MASK_LIST)))
_MASK_WITH = {f"m{i}": r for i, (_, r) in enumerate(_MASK_LIST)}


def _mask(m: re.Match[str]) -> str:
    return _MASK_WITH[m.lastgroup or ""].ljust(m.end() - m.start())


# ---------------------------------------------------------------------------------------------
# Compilation.

_PREFIX = 3  # rules are indexed by the first three characters a match can start with
_MAX_PREFIXES = 20_000
_WHITESPACE = frozenset(" \t\n\r\f\v")
_DIGITS = frozenset("0123456789")
_Lang = frozenset[str] | None  # possible match prefixes (<= _PREFIX chars); None: unknown


class _PrefixError(Exception):
    pass


def _concat(a: _Lang, b: _Lang) -> _Lang:
    if a is None:
        return None
    if all(len(x) >= _PREFIX for x in a):
        return a
    if b is None:
        return None
    out = frozenset(x if len(x) >= _PREFIX else (x + y)[:_PREFIX] for x in a for y in b)
    if len(out) > _MAX_PREFIXES:
        return None
    return out


def _union(a: _Lang, b: _Lang) -> _Lang:
    return None if a is None or b is None else a | b


def _prefixes(pattern: str) -> _Lang:
    """Every string of up to three characters a match of ``pattern`` can start with.

    A small recursive-descent reader of the regex subset the rules use (groups, alternation,
    classes, escapes, quantifiers, lookarounds). It only has to be conservative: a superset is
    always safe, and None ("could start with anything") sends the rule to every position.
    Strings shorter than three characters mean the match may end there.
    """
    pos = 0
    n = len(pattern)

    def alternation() -> _Lang:
        nonlocal pos
        lang = sequence()
        while pos < n and pattern[pos] == "|":
            pos += 1
            lang = _union(lang, sequence())
        return lang

    def sequence() -> _Lang:
        nonlocal pos
        lang: _Lang = frozenset({""})
        while pos < n and pattern[pos] not in "|)":
            lang = _concat(lang, quantified(atom()))
        return lang

    def quantified(item: _Lang) -> _Lang:
        nonlocal pos
        low, high = 1, 1
        if pos < n and pattern[pos] in "?*+":
            low, high = {"?": (0, 1), "*": (0, _PREFIX), "+": (1, _PREFIX)}[pattern[pos]]
            pos += 1
        elif pos < n and pattern[pos] == "{":
            close = pattern.index("}", pos)
            bounds = pattern[pos + 1 : close].split(",")
            low = int(bounds[0] or 0)
            high = int(bounds[-1]) if bounds[-1].strip() else _PREFIX
            pos = close + 1
        else:
            return item
        if pos < n and pattern[pos] in "?+":  # lazy / possessive
            pos += 1
        result: _Lang = frozenset()
        current: _Lang = frozenset({""})
        for i in range(min(high, _PREFIX) + 1):
            if current is None:
                return None
            if i >= low:
                result = _union(result, current)
            else:
                result = _union(result, frozenset(x for x in current if len(x) >= _PREFIX))
            current = _concat(current, item)
        if low > _PREFIX and current is not None:
            result = _union(result, frozenset(x for x in current if len(x) >= _PREFIX))
        return result

    def atom() -> _Lang:
        nonlocal pos
        ch = pattern[pos]
        if ch == "(":
            pos += 1
            lookaround = False
            if pattern.startswith("?:", pos):
                pos += 2
            elif pattern.startswith("?P<", pos):
                pos = pattern.index(">", pos) + 1
            elif pattern.startswith(("?=", "?!"), pos):
                pos += 2
                lookaround = True
            elif pattern.startswith(("?<=", "?<!"), pos):
                pos += 3
                lookaround = True
            elif pattern.startswith("?", pos):
                raise _PrefixError(pattern)
            inner = alternation()
            pos += 1  # the closing parenthesis
            return frozenset({""}) if lookaround else inner
        if ch == "[":
            close = pos + 1
            if close < n and pattern[close] == "^":
                close += 1
            close += 1  # a "]" right after "[" or "[^" is a literal
            while pattern[close] != "]":
                close += 2 if pattern[close] == "\\" else 1
            body = pattern[pos + 1 : close]
            pos = close + 1
            return _class_chars(body)
        if ch == "\\":
            esc = pattern[pos + 1]
            pos += 2
            if esc in "bBAZ":
                return frozenset({""})
            if esc == "s":
                return _WHITESPACE
            if esc == "d":
                return _DIGITS
            if esc.isalnum():  # \S \w and friends
                return None
            return frozenset(esc)
        pos += 1
        if ch in "^$":
            return frozenset({""})
        if ch == ".":
            return None
        return frozenset(ch)

    try:
        return alternation()
    except (_PrefixError, ValueError, IndexError):
        return None


def _class_chars(body: str) -> _Lang:
    if body.startswith("^"):
        return None
    chars: set[str] = set()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            esc = body[i + 1]
            if esc == "s":
                chars |= _WHITESPACE
            elif esc == "d":
                chars |= _DIGITS
            elif esc.isalnum():
                return None
            else:
                chars.add(esc)
            i += 2
        elif i + 2 < len(body) and body[i + 1] == "-":
            chars.update(chr(c) for c in range(ord(ch), ord(body[i + 2]) + 1))
            i += 3
        else:
            chars.add(ch)
            i += 1
    return frozenset(chars)


@dataclass(frozen=True, eq=False)
class _Compiled:
    order: int
    rule: _Rule
    regex: re.Pattern[str]
    neg_groups: tuple[str, ...]
    ctx: re.Pattern[str] | None
    unless_before: re.Pattern[str] | None


# Matches are only tried where a word starts, and only for the rules whose possible first three
# characters fit the text there: a position costs a dictionary lookup and a few match attempts.
_WORD_START = re.compile(r"(?<![a-z0-9'])[a-z0-9]")


_Bucket = tuple[tuple[str, tuple[_Compiled, ...]], ...]  # (theme, its rules in order), ...


def _compile_rules() -> tuple[dict[str, _Bucket], dict[str, _Bucket], dict[str, _Bucket], _Bucket]:
    """Index every rule by the three-character prefixes its matches can start with.

    Returns lookups by three, two and one leading characters (shorter prefixes exist when a
    match can be shorter than three characters) and the rules that can start anywhere. Each
    lookup gives, per theme, the candidate rules in declaration order.
    """
    full: dict[str, set[tuple[int, int]]] = {}
    short: dict[str, set[tuple[int, int]]] = {}
    anywhere: set[tuple[int, int]] = set()
    compiled: dict[tuple[int, int], _Compiled] = {}
    for t, theme in enumerate(THEMES):
        for index, rule in enumerate(r for r in _RULES if r.theme == theme):
            regex = re.compile(rule.pattern)
            compiled[(t, index)] = _Compiled(
                index,
                rule,
                regex,
                tuple(name for name in regex.groupindex if name.startswith("neg")),
                re.compile(rule.ctx) if rule.ctx else None,
                re.compile(rule.unless_before) if rule.unless_before else None,
            )
            prefixes = _prefixes(rule.pattern)
            if prefixes is None or "" in prefixes:
                anywhere.add((t, index))
                continue
            for prefix in prefixes:
                (full if len(prefix) == _PREFIX else short).setdefault(prefix, set()).add(
                    (t, index)
                )

    def bucket(keys: Iterable[tuple[int, int]]) -> _Bucket:
        per_theme: dict[int, list[_Compiled]] = {}
        for key in sorted(set(keys)):
            per_theme.setdefault(key[0], []).append(compiled[key])
        return tuple((THEMES[t], tuple(rules)) for t, rules in sorted(per_theme.items()))

    def shorter(key: str) -> list[tuple[int, int]]:
        return [k for p, ids in short.items() if key.startswith(p) for k in ids]

    by3 = {key: bucket([*ids, *shorter(key), *anywhere]) for key, ids in full.items()}
    by2 = {key: bucket([*shorter(key), *anywhere]) for key in {k for k in short if len(k) == 2}}
    by1 = {key: bucket([*shorter(key), *anywhere]) for key in {k[:1] for k in short}}
    return by3, by2, by1, bucket(anywhere)


_BY3, _BY2, _BY1, _ANYWHERE = _compile_rules()
_SLOW_PATH = bool(_BY2 or _BY1 or _ANYWHERE)  # False while every rule has a 3-character prefix

# Sentence ends: . ! ? ; and newlines (kept inside the sentence for evidence).
_SENTENCE = re.compile(r"[^.!?;\n]*(?:[.!?;]+|\n|$)")
# Clause boundaries inside a sentence: negation never reaches across them.
_BOUNDARY = re.compile(
    r"[,:()\[\]\"]|\s[-\u2013\u2014]+\s|\b(?:but|and|then|so|because|though|although|however|"
    r"while|yet|which|when|until|after|before|since|if|unless|whereas|except|plus|said|says|"
    r"claim(?:ed|s)|thought|realized|realised|mentioned|noticed|(?:told|tell|tells)\s+(?:me|us|him|her))\b"
)
_NEGATORS = frozenset(
    [
        "not",
        "never",
        "no",
        "nothing",
        "none",
        "zero",
        "without",
        "hardly",
        "barely",
        "rarely",
        "nobody",
        "nor",
        "cannot",
        "didnt",
        "dont",
        "doesnt",
        "wasnt",
        "werent",
        "isnt",
        "arent",
        "hasnt",
        "havent",
        "hadnt",
        "wont",
        "wouldnt",
        "couldnt",
        "cant",
        "shouldnt",
        "aint",
        "neither",
    ]
)
_WORD = re.compile(r"[a-z']+")
_CONTRAST = re.compile(
    r"\b(?:but|however|unfortunately|yet|though|although|even\s+though|despite|while|except|"
    r"that\s+said|still|sadly)\b"
)
_CONCESSIVE = frozenset({"although", "even though", "despite", "while", "though"})
_SELF = re.compile(r"(?:^|\b)(?:i|we)\s+(?:[a-z']+\s+){0,2}$")
_PASSIVE_PAY = re.compile(r"\b(?:been|be|get|got|gotten|getting|was|were)\s+pa(?:id|yed)\b")
_SELF_PAY = re.compile(r"(?:^|\b)(?:i|we)\s+(?:always\s+|also\s+|even\s+|then\s+)?$")
_TRAILING_THOUGH = re.compile(r"\b(?:though|tho)\W*$")
_EVIDENCE_MAX = 240


def _normalise(text: str) -> str:
    """Lower-case without changing the length, straighten quotes, and mask idioms."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters grow when lower-cased (e.g. U+0130)
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    lowered = lowered.translate(_QUOTES)
    return _MASK.sub(_mask, lowered)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _negated(window: str, reach: int = 4) -> bool:
    """A negator among the last ``reach`` words of the clause before a match."""
    words = _WORD.findall(_clause(window))[-reach:]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


def _weight(prefix: str, sentence_tail: str) -> float:
    """How much a hit counts when a comment is mixed about one theme (see module docstring)."""
    word = None
    for m in _CONTRAST.finditer(prefix):
        word = m.group(0)
    if word is not None:
        return 0.5 if re.sub(r"\s+", " ", word) in _CONCESSIVE else 2.0
    if _TRAILING_THOUGH.search(sentence_tail):
        return 2.0
    return 1.0


@dataclass
class _Hit:
    polarity: str
    weight: float
    order: int
    sentence: int
    start: int
    end: int
    through: int = -1  # the evidence runs on to the end of this sentence (model hits)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            spans.append((m.start(), m.end()))
    return spans or [(0, len(text))]


def _clause(prefix: str) -> str:
    """The part of ``prefix`` after its last clause boundary."""
    end = 0
    for m in _BOUNDARY.finditer(prefix):
        end = m.end()
    return prefix[end:]


def _since_contrast(prefix: str) -> str:
    """The part of ``prefix`` after its last contrast word ("but", "however", ...)."""
    end = 0
    for m in _CONTRAST.finditer(prefix):
        end = m.end()
    return prefix[end:]


def _accept(
    compiled: _Compiled, theme: str, norm: str, prefix: str, span: tuple[int, int], matched: str
) -> bool:
    rule = compiled.rule
    if compiled.ctx is not None:
        scope = norm if rule.ctx_comment else norm[span[0] : span[1]]
        if compiled.ctx.search(scope) is None:
            return False
    if compiled.unless_before is not None:
        before = prefix if rule.unless_sentence else _since_contrast(prefix)
        if compiled.unless_before.search(before) is not None:
            return False
    if rule.self_skip:
        self_re = _SELF_PAY if theme == NP else _SELF
        passive = theme == NP and _PASSIVE_PAY.search(matched) is not None
        if self_re.search(_clause(prefix)) is not None and not passive:
            return False
    if rule.sentence_start and prefix.strip():
        return False
    return not (rule.clause_start and _clause(prefix).strip())


def _scan(norm: str, spans: list[tuple[int, int]]) -> dict[str, list[_Hit]]:
    """All accepted rule matches per theme; matches of one theme never overlap."""
    starts = [s for s, _ in spans]
    hits: dict[str, list[_Hit]] = {}
    resume: dict[str, int] = {}
    for word in _WORD_START.finditer(norm):
        w = word.start()
        key = norm[w : w + _PREFIX]
        candidates = _BY3.get(key)
        if candidates is None:
            if not _SLOW_PATH:
                continue
            candidates = _BY2.get(key[:2]) or _BY1.get(key[:1]) or _ANYWHERE
        for theme, rules in candidates:
            if w < resume.get(theme, 0):
                continue
            for compiled in rules:
                m = compiled.regex.match(norm, w)
                if m is None:
                    continue
                si = bisect.bisect_right(starts, w) - 1
                span = spans[si]
                prefix = norm[span[0] : w]
                if not _accept(compiled, theme, norm, prefix, span, m.group()):
                    continue
                polarity = compiled.rule.polarity
                flipped = any(m.group(g) for g in compiled.neg_groups)
                if compiled.rule.flip and _negated(prefix):
                    flipped = not flipped
                if flipped:
                    polarity = PRAISE if polarity == COMPLAINT else COMPLAINT
                found = hits.setdefault(theme, [])
                weight = _weight(prefix, norm[m.end() : span[1]])
                found.append(_Hit(polarity, weight, len(found), si, w, m.end()))
                resume[theme] = m.end()
                break
    return hits


def _evidence(text: str, norm: str, span: tuple[int, int], hit: _Hit) -> str:
    """The quote for a tag: the sentence, or in a long sentence the clause, or in a run-on clause
    a window of whole words around the hit; always a trimmed slice of ``text``."""
    s_start, s_end = span
    sentence = text[s_start:s_end].strip()
    if len(sentence) <= _EVIDENCE_MAX:
        return sentence
    left = max(norm.rfind(",", s_start, hit.start), norm.rfind(" - ", s_start, hit.start))
    left = s_start if left < 0 else left + 1
    right = norm.find(",", hit.end, s_end)
    right = s_end if right < 0 else right
    clause = text[left:right].strip()
    if clause and len(clause) <= _EVIDENCE_MAX:
        return clause
    start = max(left, min(hit.start, right) - _EVIDENCE_MAX // 3)
    end = min(right, start + _EVIDENCE_MAX)
    if start > left:  # do not start or end in the middle of a word
        start = min(norm.find(" ", start, hit.start) + 1 or start, hit.start)
    if end < right:
        cut = norm.rfind(" ", max(hit.end, start), end)
        end = cut if cut > start else end
    return text[start:end].strip() or sentence[:_EVIDENCE_MAX].strip()


# ---------------------------------------------------------------------------------------------
# Fallback: when no rule fired for a theme, a sentence that names the theme's topic and carries
# polarity cues can still be tagged. Looser than the rules (any word order), so it only runs
# for themes the rules left empty, and only on sentences that mention the topic.


@dataclass(frozen=True)
class _Fallback:
    topic: re.Pattern[str]
    cues: re.Pattern[str]  # groups "pos" (praise) and "neg" (complaint); negation flips a cue
    negated_topic_is_complaint: bool = False  # "no payment", "not a single payment since"
    skip: re.Pattern[str] | None = None  # sentences the fallback must leave alone


def _cues(pos: str, neg: str, strong_neg: str = r"(?!x)x") -> re.Pattern[str]:
    """Cue words: "pos" counts +1, "neg" -1, "strong" -2 (outweighs a plain positive cue)."""
    return re.compile(rf"\b(?:(?P<strong>{strong_neg})|(?P<pos>{pos})|(?P<neg>{neg}))(?![\w-])")


_CUE_VALUE = {"pos": 1, "neg": -1, "strong": -2}


_FALLBACKS: dict[str, _Fallback] = {
    NP: _Fallback(
        topic=re.compile(
            r"\b(?:pa(?:id|yed|y|ys|ying|yment|yments|yer)|invoices?|money|escrow|funds|"
            r"cents?|penny|dime)\b"
        ),
        cues=_cues(
            r"on\s+time|in\s+time|prompt(?:ly)?|fast|quick(?:ly)?|swift(?:ly)?|immediate(?:ly)?|"
            r"instant(?:ly)?|same\s+day|early|upfront|up\s+front|in\s+advance|bonus|generous(?:ly)?|"
            r"in\s+full|smooth(?:ly)?|right\s+away|straight\s+away|reliabl[ey]|without\s+(?:asking|"
            r"chasing|reminders?|a\s+reminder)|before\s+(?:i|we)\s+(?:even\s+)?(?:asked|sent|had|"
            r"invoiced|reminded|requested)|within\s+(?:\S+\s+)?(?:hours?|"
            r"minutes|a\s+day|the\s+day)|arrived|came\s+through|went\s+through|cleared|released|"
            r"received|showed\s+up|shown\s+up|in\s+my\s+account",
            r"still|late|later|overdue|unpaid|owe[sd]?|owing|wait(?:ed|ing)?|chas(?:e|ed|ing)|"
            r"disput\w*|chargebacks?|less|instead|short|partial(?:ly)?|half|missing|vanish\w*|"
            r"disappear\w*|refus\w*|withh[eo]ld\w*|excuses?|bankrupt\w*|lowball\w*|since|delay\w*|"
            r"stuck|pending|problems?|issues?|trouble|promis\w*|tomorrow|next\s+week|reminders?|"
            r"remind\w*|beg(?:ged|ging)?|behind|slow(?:ly)?|sitting|eventually|finally|yet|took",
            r"(?:days?|weeks?|months?)\s+(?:after|later|late|past|overdue)",
        ),
        negated_topic_is_complaint=True,
    ),
    SC: _Fallback(
        topic=re.compile(
            r"\b(?:scope|requirements?|brief|spec|specs|specifications?|job\s+(?:post|description)|"
            r"agreed|agreement|extras?|additional|revisions?|features?|tweaks?|budget|price|quote|"
            r"pages|integrations?|modules?|changes|change\s+requests)\b"
        ),
        cues=_cues(
            r"clear|stable|stuck\s+to|accurate(?:ly)?|exactly|separate(?:ly)?|"
            r"new\s+(?:contract|milestone|offer|quote)s?|paid\s+for|offered\s+to\s+pay|reasonable|"
            r"respected|kept\s+to|as\s+agreed|proper|well[\s-]\w+|acceptance\s+criteria|"
            r"defined|detailed|precise|without\s+(?:any\s+)?(?:fuss|argument)",
            r"chang(?:e|ed|es|ing)|grew|grow(?:ing|s)?|expand\w*|turned\s+(?:into|out)|"
            r"ended\s+up|doubled|tripled|\w+\s+times\s+(?:the|as|more)|added|adding|additions?|"
            r"on\s+top|beyond|outside|instead|unlimited|endless|brand[\s-]new|for\s+free|"
            r"same\s+(?:budget|price|money|pay|fee|rate)|no\s+change\s+in\s+(?:price|budget|pay)|"
            r"nothing\s+to\s+do\s+with|different|rais(?:e|ed|ing)|cut|halfway|midway|"
            r"mid-\w+|moving|shift\w*|surprised|new\s+(?:requirements?|features?|requests?|tasks?)|"
            r"never\s+(?:in|part|mentioned)|not\s+(?:in|part\s+of)|"
            r"sneak\w*|squeez\w*|every\s+(?:week|call|round|review)|vague|unclear|misleading|"
            r"actual(?:ly)?|in\s+the\s+end|by\s+the\s+end",
        ),
        skip=re.compile(_OWN_SPEC.replace("$", "")),
    ),
    DL: _Fallback(
        topic=re.compile(
            r"\b(?:deadlines?|deliver(?:y|ies|ed|s)?|schedule|timelines?|time\s*frames?|due\s+dates?|"
            r"launch|drafts?|turnaround)\b"
        ),
        cues=_cues(
            r"on\s+time|early|ahead\s+of|before\s+(?:the\s+)?(?:deadline|due|schedule)|fast|quick(?:ly)?|"
            r"prompt(?:ly)?|reasonable|realistic|"
            r"flexible|generous|comfortable|as\s+promised|on\s+schedule",
            r"late|behind|miss(?:ed|ing)?|delay\w*|overdue|slow(?:ly)?|rush\w*|tight|unrealistic|"
            r"impossible|past|extensions?|dragg\w*|postpon\w*|push(?:ed|ing)\s+back|insane|crazy",
        ),
        skip=re.compile(_PAY_CONTEXT),
    ),
    CO: _Fallback(
        topic=re.compile(
            r"\b(?:communicat\w*|updates?|explain\w*|explanations?|instructions|feedback|"
            r"understand\w*|understood|listen\w*|clarity|english)\b"
        ),
        cues=_cues(
            r"clear(?:ly)?|great|good|excellent|easy|detailed|helpful|constructive|regular|"
            r"thorough(?:ly)?|well|perfect(?:ly)?|smooth|open|honest",
            r"vague|unclear|confusing|poor|bad|terrible|difficult|hard|rare|lacking|never|"
            r"misunderst\w*|contradict\w*|broken|barrier|struggle|mess",
        ),
        skip=re.compile(_PAY_CONTEXT),
    ),
    RE_: _Fallback(
        topic=re.compile(
            r"\b(?:repl(?:y|ies|ied|ying)|respon\w*|answer\w*|reach(?:ed|able)?|available|"
            r"messages|emails|calls|contact)\b"
        ),
        cues=_cues(
            r"quick(?:ly)?|fast|prompt(?:ly)?|immediate(?:ly)?|instant(?:ly)?|within|same\s+day|"
            r"always|easy",
            r"slow(?:ly)?|days|weeks|ages|forever|ignor\w*|silent|silence|missing|hard|impossible|"
            r"difficult|late",
        ),
        skip=re.compile(_PAY_CONTEXT),
    ),
}


def _fallback(
    theme: str, norm: str, spans: list[tuple[int, int]], claimed: set[int]
) -> _Hit | None:
    """The sentence with the strongest net polarity cue among those naming the theme's topic.

    Sentences in ``claimed`` (a rule of any theme fired there) are skipped: their cue words are
    already explained, and reusing them is how one theme's words leak into another.
    """
    spec = _FALLBACKS.get(theme)
    if spec is None or spec.topic.search(norm) is None:
        return None
    best: _Hit | None = None
    for si, (start, end) in enumerate(spans):
        if si in claimed:
            continue
        sentence = norm[start:end]
        if spec.topic.search(sentence) is None:
            continue
        if spec.skip is not None and spec.skip.search(sentence):
            continue
        score = 0
        for m in spec.cues.finditer(sentence):
            value = _CUE_VALUE[m.lastgroup or "neg"]
            score += -value if _negated(sentence[: m.start()], 3) else value
        if spec.negated_topic_is_complaint:
            score -= sum(
                1 for m in spec.topic.finditer(sentence) if _negated(sentence[: m.start()], 3)
            )
        if score and (best is None or abs(score) >= best.weight):
            polarity = PRAISE if score > 0 else COMPLAINT
            best = _Hit(polarity, float(abs(score)), si, si, start, start)
    return best


# ---------------------------------------------------------------------------------------------
# Statistical model: logistic regression over stemmed words, trained on the dev split only
# (``train_model``, ``twoway themes-train``) and saved as JSON next to the labelled set. It only
# speaks for a theme the rules left empty; see the module docstring, step 7.

MODEL_PATH = Path(__file__).with_name("data") / "themes_model.json"
MODEL_FORMAT = 1

_MODEL_TOKEN = re.compile(r"[a-z0-9$%]+(?:'[a-z]+)?|[.,;:!?()\"\n]")
_MODEL_BREAKS = frozenset('.,;:!?()"\n')
_NEGATION_ENDS = frozenset({"but", "however", "although", "though", "yet", "and"})
_SUFFIXES = ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly", "y")
_NUMBER = "<num>"
_BIAS = "<bias>"
_START = "<s>"
_NEG_MARK = "~"

# Training settings (chosen by cross-validation on dev; docs/themes.md, section 3).
_L2_PRESENCE = 0.01
_L2_POLARITY = 0.003
_EPOCHS = 20
_RATE = 0.3
_THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))  # 0.20 .. 0.90
# A threshold must keep the CV precision of the model and fallback, on the dev rows no rule of
# the theme fired on (where the model speaks), at least this; the rules' tags are more precise.
_MIN_PRECISION = 0.75
# Where a payment or scope rule fired, the polarity model overrides the rules' polarity only when
# it disagrees at least this confidently (docs/themes.md, section 3, round 7).
_OVERRIDE = 0.9
# Themes the model speaks for: the two with a product target and the most labelled rows; for the
# others, the model alone found a third to two thirds of the labels under cross-validation and
# cost precision, so they are left to the rules (docs/themes.md, section 3).
MODEL_THEMES: tuple[str, ...] = ("non_payment", "scope_change")
_PRUNE = 0.01  # weights smaller than this are dropped
_FRAGMENT_WORDS = 2  # a model-evidence sentence shorter than this is quoted with the next

_Tok = tuple[int, int, str, bool, bool]  # start, end, stem, negated, first after a break
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 50_000  # bounded: a long-running process sees unbounded vocabulary


def _stem(word: str) -> str:
    """A crude suffix stripper: "payments" -> "pay", "paying" -> "pay", "changed" -> "chang"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _model_tokens(norm: str) -> list[_Tok]:
    """Stemmed words of the normalised text, each marked when a negator ("not", "never", "no",
    "n't", "without", ...) came before it in the same stretch (up to punctuation or
    "but"/"and"/"however"...)."""
    out: list[_Tok] = []
    negated = False
    first = True
    for m in _MODEL_TOKEN.finditer(norm):
        word = m.group()
        if word in _MODEL_BREAKS:
            negated = False
            first = True
            continue
        if word.endswith("n't"):
            word = word[:-3] + "nt"
            negator = True
        else:
            negator = word in _NEGATORS
        if word[0] == "$" or word[0].isdigit():
            stem = _NUMBER
        else:
            cached = _STEM_CACHE.get(word)
            if cached is None:
                cached = _stem(word)
                if len(_STEM_CACHE) < _STEM_CACHE_MAX:
                    _STEM_CACHE[word] = cached
            stem = cached
        if word in _NEGATION_ENDS:
            negated = False
        out.append((m.start(), m.end(), stem, negated, first))
        first = False
        if negator:
            negated = True
    return out


def _presence_features(toks: Sequence[_Tok], ruled: Iterable[str] = ()) -> set[str]:
    """Is the theme talked about at all: the stems and pairs of neighbouring stems ("same
    budget", "still wait"), negation ignored, and one feature per theme a rule already found in
    the comment ("<rule:non_payment>"), so that, say, a comment the payment rules explain is
    less likely to be read as a scope comment for its money words."""
    feats = {tok[2] for tok in toks}
    prev = _START
    for _, _, stem, _, first in toks:
        if first:
            prev = _START
        feats.add(prev + " " + stem)
        prev = stem
    feats.update(f"<rule:{theme}>" for theme in ruled)
    return feats


def _polarity_features(toks: Sequence[_Tok]) -> set[str]:
    """Complaint or praise: negation-marked stems and pairs of neighbouring stems."""
    feats = {_BIAS}
    prev = _START
    for _, _, stem, negated, first in toks:
        word = _NEG_MARK + stem if negated else stem
        if first:
            prev = _START
        feats.add(word)
        feats.add(prev + " " + word)
        prev = word
    return feats


def _sigmoid(score: float) -> float:
    if score < -30.0:
        return 0.0
    if score > 30.0:
        return 1.0
    return 1.0 / (1.0 + math.exp(-score))


def _train_logistic(
    rows: Sequence[Iterable[str]], labels: Sequence[int], *, l2: float, seed: int
) -> tuple[dict[str, float], float]:
    """Binary logistic regression by AdaGrad SGD with (lazy) L2; deterministic for a seed."""
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    data = [(sorted(row), label) for row, label in zip(rows, labels, strict=True)]
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(_EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, label = data[i]
            grad = _sigmoid(bias + sum(weights.get(f, 0.0) for f in feats)) - label
            bias_square += grad * grad
            bias -= _RATE * grad / math.sqrt(bias_square)
            for f in feats:
                w = weights.get(f, 0.0)
                g = grad + l2 * w
                s = squares.get(f, 1e-8) + g * g
                squares[f] = s
                weights[f] = w - _RATE * g / math.sqrt(s)
    return weights, bias


@dataclass(frozen=True)
class _Model:
    """Weights: ``presence[stem][k]`` for ``MODEL_THEMES[k]``, and ``polarity[feature][0]``
    (shared by all themes) + ``polarity[feature][1 + t]`` (``THEMES[t]``). ``thresholds[k]``
    is the presence probability from which the model tags ``MODEL_THEMES[k]``."""

    presence: dict[str, tuple[float, ...]]
    presence_bias: tuple[float, ...]
    polarity: dict[str, tuple[float, ...]]
    thresholds: tuple[float, ...]

    def presence_probability(self, feats: Iterable[str], k: int) -> float:
        score = self.presence_bias[k]
        for f in feats:
            w = self.presence.get(f)
            if w is not None:
                score += w[k]
        return _sigmoid(score)

    def complaint_probability(self, feats: Iterable[str], t: int) -> float:
        score = 0.0
        for f in feats:
            w = self.polarity.get(f)
            if w is not None:
                score += w[0] + w[1 + t]
        return _sigmoid(score)


def _fit(
    presence_rows: Sequence[set[str]],
    polarity_rows: Sequence[set[str]],
    labels: Sequence[Mapping[str, str]],
    *,
    seed: int,
    thresholds: Sequence[float] | None = None,
) -> _Model:
    """Train the presence models of MODEL_THEMES and the polarity model on labelled rows."""
    presence: dict[str, list[float]] = {}
    biases: list[float] = []
    for k, theme in enumerate(MODEL_THEMES):
        weights, bias = _train_logistic(
            presence_rows,
            [1 if theme in gold else 0 for gold in labels],
            l2=_L2_PRESENCE,
            seed=seed + k,
        )
        biases.append(bias)
        for f, w in weights.items():
            presence.setdefault(f, [0.0] * len(MODEL_THEMES))[k] = w
    # One polarity model for all themes: each (comment, labelled theme) pair is an example with
    # the shared features and a theme-specific copy of each, so general complaint words are
    # learnt from every theme and theme-specific ones from that theme.
    pairs: list[list[str]] = []
    polarity_labels: list[int] = []
    for feats, gold in zip(polarity_rows, labels, strict=True):
        for t, theme in enumerate(THEMES):
            if theme in gold:
                pairs.append([*feats, *(f"{t}|{f}" for f in feats)])
                polarity_labels.append(1 if gold[theme] == COMPLAINT else 0)
    weights, bias = _train_logistic(pairs, polarity_labels, l2=_L2_POLARITY, seed=seed + 99)
    polarity: dict[str, list[float]] = {}
    for key, w in weights.items():
        head, sep, rest = key.partition("|")
        if sep and head.isdigit():
            polarity.setdefault(rest, [0.0] * (1 + len(THEMES)))[1 + int(head)] = w
        else:
            polarity.setdefault(key, [0.0] * (1 + len(THEMES)))[0] += w
    polarity.setdefault(_BIAS, [0.0] * (1 + len(THEMES)))[0] += bias
    return _Model(
        _pruned(presence),
        tuple(round(b, 4) for b in biases),
        _pruned(polarity),
        tuple(thresholds) if thresholds is not None else (1.0,) * len(MODEL_THEMES),
    )


def _pruned(table: Mapping[str, Sequence[float]]) -> dict[str, tuple[float, ...]]:
    """Weights rounded to 4 decimals, tiny ones dropped: what is saved is what was evaluated."""
    out: dict[str, tuple[float, ...]] = {}
    for f, row in table.items():
        kept = tuple(round(w, 4) if abs(w) >= _PRUNE else 0.0 for w in row)
        if any(kept):
            out[f] = kept
    return out


def _model_to_json(model: _Model) -> dict[str, Any]:
    """Sparse tables, one per theme (and one "shared" polarity table), sorted by feature."""

    def column(table: Mapping[str, tuple[float, ...]], i: int) -> dict[str, float]:
        return {f: table[f][i] for f in sorted(table) if table[f][i]}

    return {
        "themes": list(THEMES),
        "model_themes": list(MODEL_THEMES),
        "thresholds": dict(zip(MODEL_THEMES, model.thresholds, strict=True)),
        "presence_bias": dict(zip(MODEL_THEMES, model.presence_bias, strict=True)),
        "presence": {theme: column(model.presence, k) for k, theme in enumerate(MODEL_THEMES)},
        "polarity": {
            "shared": column(model.polarity, 0),
            **{theme: column(model.polarity, 1 + t) for t, theme in enumerate(THEMES)},
        },
    }


def _model_from_json(data: Mapping[str, Any]) -> _Model:
    if (
        data.get("format") != MODEL_FORMAT
        or list(data["themes"]) != list(THEMES)
        or list(data["model_themes"]) != list(MODEL_THEMES)
    ):
        raise ValueError("theme model file does not match this version of the tagger")

    def table(columns: Sequence[Mapping[str, float]]) -> dict[str, tuple[float, ...]]:
        rows: dict[str, list[float]] = {}
        for i, col in enumerate(columns):
            for f, w in col.items():
                rows.setdefault(f, [0.0] * len(columns))[i] = float(w)
        return {f: tuple(row) for f, row in rows.items()}

    polarity = data["polarity"]
    return _Model(
        table([data["presence"][theme] for theme in MODEL_THEMES]),
        tuple(float(data["presence_bias"][theme]) for theme in MODEL_THEMES),
        table([polarity["shared"], *(polarity[theme] for theme in THEMES)]),
        tuple(float(data["thresholds"][theme]) for theme in MODEL_THEMES),
    )


def load_model(path: Path | str | None = None) -> _Model | None:
    """The saved model, or None when there is no model file (the tagger then uses rules only)."""
    file = Path(path or MODEL_PATH)
    if not file.exists():
        return None
    with file.open(encoding="utf-8") as handle:
        return _model_from_json(json.load(handle))


def load_model_info(path: Path | str | None = None) -> dict[str, Any] | None:
    """The saved model's document without its weight tables: thresholds, training data and
    settings, cross-validated scores; None when there is no model file."""
    file = Path(path or MODEL_PATH)
    if not file.exists():
        return None
    with file.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {k: v for k, v in data.items() if k not in ("presence", "polarity")}


def _model_hit(
    model: _Model, k: int, toks: Sequence[_Tok], spans: list[tuple[int, int]], polarity: str
) -> _Hit:
    """The sentence with the strongest theme-word evidence (positive presence weights of its
    stems and stem pairs), and its strongest word."""
    starts = [s for s, _ in spans]
    best: tuple[float, float, int, _Tok] | None = None
    per_sentence: dict[int, tuple[float, float, _Tok, set[str]]] = {}
    prev = _START
    for tok in toks:
        si = bisect.bisect_right(starts, tok[0]) - 1
        w = model.presence.get(tok[2])
        weight = w[k] if w is not None else 0.0
        total, top, top_tok, seen = per_sentence.get(si, (0.0, float("-inf"), tok, set()))
        if tok[2] not in seen and weight > 0:
            seen.add(tok[2])
            total += weight
        pair = (_START if tok[4] else prev) + " " + tok[2]
        prev = tok[2]
        w = model.presence.get(pair)
        if w is not None and w[k] > 0 and pair not in seen:
            seen.add(pair)
            total += w[k]
        if weight > top:
            top, top_tok = weight, tok
        per_sentence[si] = (total, top, top_tok, seen)
    for si, (total, top, top_tok, _) in per_sentence.items():
        if best is None or (total, top) > (best[0], best[1]):
            best = (total, top, si, top_tok)
    if best is None:
        return _Hit(polarity, 1.0, 0, 0, spans[0][0], spans[0][0])
    si = best[2]
    # A one-word sentence ("Invoices?") is quoted together with the sentence that follows.
    words = sum(1 for tok in toks if spans[si][0] <= tok[0] < spans[si][1])
    through = si + 1 if words < _FRAGMENT_WORDS and si + 1 < len(spans) else -1
    return _Hit(polarity, 1.0, 0, si, best[3][0], best[3][1], through)


_MODEL: _Model | None = load_model()
_SLOTS = {THEMES.index(theme): k for k, theme in enumerate(MODEL_THEMES)}


def tag_comment(text: str) -> list[Tag]:
    """Tag one comment: at most one Tag per theme, in THEMES order.

    When a comment both praises and complains about a theme, the polarity with the heavier
    clause weight wins (after "but"/"however" x2, in an "although"/"despite" clause x0.5), and on
    a tie the last-stated one wins. The evidence is the sentence of the deciding hit. A theme no
    rule fired on is tagged by the model when its probability reaches the theme's threshold
    (payment and scope only), else by the cue fallback.
    """
    return _tag(text, _MODEL)


def _tag(text: str, model: _Model | None) -> list[Tag]:
    """``tag_comment`` with a given model (None: rules and fallback only)."""
    if not text or not text.strip():
        return []
    norm = _normalise(text)
    spans = _sentences(norm)
    found = _scan(norm, spans)
    claimed = {hit.sentence for hits in found.values() for hit in hits}
    toks: list[_Tok] | None = None
    presence: set[str] = set()
    polarity_feats: set[str] = set()
    tags: list[Tag] = []
    for t, theme in enumerate(THEMES):
        hits = found.get(theme)
        if not hits:
            backup = None
            k = _SLOTS.get(t)
            if model is not None and k is not None:
                if toks is None:
                    toks = _model_tokens(norm)
                    presence = _presence_features(toks, found)
                    polarity_feats = _polarity_features(toks)
                if model.presence_probability(presence, k) >= model.thresholds[k]:
                    complaint = model.complaint_probability(polarity_feats, t) >= 0.5
                    backup = _model_hit(model, k, toks, spans, COMPLAINT if complaint else PRAISE)
            if backup is None:
                backup = _fallback(theme, norm, spans, claimed)
            if backup is None:
                continue
            hits = [backup]
        score = {COMPLAINT: 0.0, PRAISE: 0.0}
        for hit in hits:
            score[hit.polarity] += hit.weight
        if score[COMPLAINT] == score[PRAISE]:
            polarity = hits[-1].polarity
        else:
            polarity = COMPLAINT if score[COMPLAINT] > score[PRAISE] else PRAISE
        deciding = max(
            (h for h in hits if h.polarity == polarity), key=lambda h: (h.weight, h.order)
        )
        if model is not None and theme in found and t in _SLOTS:
            # The rules' polarity stands unless the polarity model confidently disagrees.
            if toks is None:
                toks = _model_tokens(norm)
                presence = _presence_features(toks, found)
                polarity_feats = _polarity_features(toks)
            p_complaint = model.complaint_probability(polarity_feats, t)
            if polarity == PRAISE and p_complaint >= _OVERRIDE:
                polarity = COMPLAINT
            elif polarity == COMPLAINT and p_complaint <= 1.0 - _OVERRIDE:
                polarity = PRAISE
        span = spans[deciding.sentence]
        if deciding.through >= 0:
            span = (span[0], spans[deciding.through][1])
        evidence = _evidence(text, norm, span, deciding)
        tags.append(Tag(theme, polarity, evidence))
    return tags


# ---------------------------------------------------------------------------------------------
# Evaluation.


def load_examples(path: Path | str | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """The labelled set (JSON lines); ``split`` keeps only "dev" or "test" rows."""
    rows: list[dict[str, Any]] = []
    with Path(path or EVAL_SET_PATH).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                if split is None or row.get("split") == split:
                    rows.append(row)
    return rows


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def evaluate(examples: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-theme precision and recall; a prediction is correct only if theme AND polarity match.

    Returns ``{"examples": n, "themes": {theme: {tp, fp, fn, support, predicted, precision,
    recall, f1}}, "micro": {...}, "errors": [...]}``; precision/recall are None when undefined.
    """
    counts = {t: {"tp": 0, "fp": 0, "fn": 0, "support": 0, "predicted": 0} for t in THEMES}
    errors: list[dict[str, Any]] = []
    n = 0
    for example in examples:
        n += 1
        gold: Mapping[str, str] = example.get("themes", {})
        predicted = {tag.theme: tag.polarity for tag in tag_comment(example["text"])}
        for theme in THEMES:
            g, p = gold.get(theme), predicted.get(theme)
            c = counts[theme]
            c["support"] += g is not None
            c["predicted"] += p is not None
            if g is not None and g == p:
                c["tp"] += 1
                continue
            if p is not None:
                c["fp"] += 1
            if g is not None:
                c["fn"] += 1
            if g != p:
                errors.append({"text": example["text"], "theme": theme, "gold": g, "predicted": p})
    themes: dict[str, dict[str, Any]] = {}
    for theme, c in counts.items():
        themes[theme] = {**c, **_scores(c["tp"], c["fp"], c["fn"])}
    totals = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
    return {
        "examples": n,
        "themes": themes,
        "micro": {**totals, **_scores(totals["tp"], totals["fp"], totals["fn"])},
        "errors": errors,
    }


def _scores(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return {"precision": precision, "recall": recall, "f1": f1}


def _counts(
    gold: Sequence[Mapping[str, str]], predicted: Sequence[Mapping[str, str]]
) -> dict[str, dict[str, int]]:
    counts = {theme: {"tp": 0, "fp": 0, "fn": 0} for theme in THEMES}
    for g_row, p_row in zip(gold, predicted, strict=True):
        for theme in THEMES:
            g, p = g_row.get(theme), p_row.get(theme)
            if g is not None and g == p:
                counts[theme]["tp"] += 1
                continue
            counts[theme]["fp"] += p is not None
            counts[theme]["fn"] += g is not None
    return counts


def _report(counts: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for theme, c in counts.items():
        scores = _scores(c["tp"], c["fp"], c["fn"])
        out[theme] = {
            **c,
            **{k: None if v is None else round(v, 3) for k, v in scores.items()},
        }
    return out


def train_model(
    examples: Iterable[Mapping[str, Any]],
    *,
    split: str = "dev",
    folds: int = 10,
    repeats: int = 3,
    seed: int = 0,
    rules_unseen_origin: str = "round6",
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train the model on the ``split`` rows only and choose each theme's threshold by
    cross-validation; returns the JSON document that ``save_model`` writes.

    ``repeats`` times, the rows are shuffled and cut into ``folds`` folds; each fold is
    predicted by a model trained on the other folds. A theme's threshold is the one (from 0.20
    to 0.90) with the best F1, over the rows where no rule of the theme fired, of the model's
    tags there with the cue fallback where the model stays silent (what the tagger does on
    those rows), among the thresholds whose precision is at least ``_MIN_PRECISION``; a theme
    with none is left to the rules and fallback. The document
    also records the cross-validated scores of the model alone and of the whole tagger (rules
    + model; the rules were tuned on most of dev, so that figure flatters them except on the
    rows of ``rules_unseen_origin``, the last held-out round, which no rule was tuned on).
    """
    rows = [e for e in examples if e.get("split") == split]
    if not rows:
        raise ValueError(f"no {split!r} rows to train on")
    texts = [str(e["text"]) for e in rows]
    labels: list[Mapping[str, str]] = [e.get("themes", {}) for e in rows]
    norms = [_normalise(text) for text in texts]
    toks = [_model_tokens(norm) for norm in norms]
    ruled = [_scan(norm, _sentences(norm)) for norm in norms]
    presence = [_presence_features(t, r) for t, r in zip(toks, ruled, strict=True)]
    polarity = [_polarity_features(t) for t in toks]
    n = len(rows)

    def say(message: str) -> None:
        if progress is not None:
            progress(message)

    fold_models: list[tuple[list[int], _Model]] = []
    # Per (repeat, row), per model theme: (presence probability, complaint probability).
    scored: list[list[tuple[float, float]]] = []
    index: list[int] = []
    for r in range(repeats):
        order = list(range(n))
        random.Random(seed + 1000 * (r + 1)).shuffle(order)
        for k in range(folds):
            held = order[k::folds]
            held_set = set(held)
            train = [i for i in range(n) if i not in held_set]
            model = _fit(
                [presence[i] for i in train],
                [polarity[i] for i in train],
                [labels[i] for i in train],
                seed=seed,
            )
            fold_models.append((held, model))
            for i in held:
                index.append(i)
                scored.append(
                    [
                        (
                            model.presence_probability(presence[i], slot),
                            model.complaint_probability(polarity[i], THEMES.index(theme)),
                        )
                        for slot, theme in enumerate(MODEL_THEMES)
                    ]
                )
            say(f"cross-validation: repeat {r + 1}/{repeats}, fold {k + 1}/{folds}")

    # The model only speaks where no rule fired for the theme; there it comes before the cue
    # fallback. Each threshold is chosen on those rows, for the model and fallback together.
    fallbacks: list[dict[str, str]] = []
    for norm, found in zip(norms, ruled, strict=True):
        spans = _sentences(norm)
        claimed = {hit.sentence for hits in found.values() for hit in hits}
        backup: dict[str, str] = {}
        for theme in MODEL_THEMES:
            hit = None if theme in found else _fallback(theme, norm, spans, claimed)
            if hit is not None:
                backup[theme] = hit.polarity
        fallbacks.append(backup)
    thresholds: list[float] = []
    model_only: dict[str, dict[str, Any]] = {}
    for slot, theme in enumerate(MODEL_THEMES):
        best: tuple[float, float, dict[str, Any]] | None = None
        open_rows = [j for j, i in enumerate(index) if theme not in ruled[i]]
        gold = [labels[index[j]] for j in open_rows]
        for threshold in _THRESHOLD_GRID:
            alone: list[dict[str, str]] = []
            for j in open_rows:
                p, pc = scored[j][slot]
                if p >= threshold:
                    alone.append({theme: COMPLAINT if pc >= 0.5 else PRAISE})
                else:
                    fb = fallbacks[index[j]].get(theme)
                    alone.append({theme: fb} if fb else {})
            row = _report(_counts(gold, alone))[theme]
            if row["precision"] is None or row["precision"] < _MIN_PRECISION:
                continue
            f1 = row["f1"] or 0.0
            if best is None or f1 >= best[1]:
                best = (threshold, f1, row)
        if best is None:  # no threshold is precise enough: the model never tags this theme
            thresholds.append(1.01)
            model_only[theme] = {"threshold": None}
        else:
            thresholds.append(best[0])
            model_only[theme] = {"threshold": best[0], **best[2]}
    say(
        "thresholds: "
        + ", ".join(f"{th}={v}" for th, v in zip(MODEL_THEMES, thresholds, strict=True))
    )

    # The whole tagger under cross-validation: each row tagged with the model that did not see it.
    hybrid_gold: list[Mapping[str, str]] = []
    hybrid_pred: list[dict[str, str]] = []
    unseen_gold: list[Mapping[str, str]] = []
    unseen_pred: list[dict[str, str]] = []
    for held, model in fold_models:
        model = _Model(model.presence, model.presence_bias, model.polarity, tuple(thresholds))
        for i in held:
            predicted = {tag.theme: tag.polarity for tag in _tag(texts[i], model)}
            hybrid_gold.append(labels[i])
            hybrid_pred.append(predicted)
            if rows[i].get("origin") == rules_unseen_origin:
                unseen_gold.append(labels[i])
                unseen_pred.append(predicted)
    rules_pred = [{tag.theme: tag.polarity for tag in _tag(text, None)} for text in texts]
    unseen = [i for i in range(n) if rows[i].get("origin") == rules_unseen_origin]

    final = _fit(presence, polarity, labels, seed=seed, thresholds=thresholds)
    digest = hashlib.sha256(
        "\n".join(json.dumps(e, sort_keys=True) for e in rows).encode("utf-8")
    ).hexdigest()
    return {
        "format": MODEL_FORMAT,
        "trained_on": {"split": split, "rows": n, "sha256": digest},
        "settings": {
            "presence_l2": _L2_PRESENCE,
            "polarity_l2": _L2_POLARITY,
            "epochs": _EPOCHS,
            "rate": _RATE,
            "seed": seed,
            "folds": folds,
            "repeats": repeats,
            "min_precision": _MIN_PRECISION,
            "polarity_override": _OVERRIDE,
        },
        "cross_validation": {
            "model_only": model_only,
            "tagger": _report(_counts(hybrid_gold, hybrid_pred)),
            "rules_only": _report(_counts(labels, rules_pred)),
            "rules_unseen": {
                "origin": rules_unseen_origin,
                "rows": len(unseen),
                "tagger": _report(_counts(unseen_gold, unseen_pred)),
                "rules_only": _report(
                    _counts([labels[i] for i in unseen], [rules_pred[i] for i in unseen])
                ),
            },
        },
        **_model_to_json(final),
    }


def save_model(document: Mapping[str, Any], path: Path | str | None = None) -> Path:
    """Write a ``train_model`` document as compact JSON."""
    file = Path(path or MODEL_PATH)
    file.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    return file


def measure_throughput(
    texts: Sequence[str], *, repeat: int = 5, clock: Callable[[], float] = time.process_time
) -> float:
    """Comments tagged per second on one core, over ``texts`` repeated ``repeat`` times.

    The default clock is this process's CPU time, so the figure is the tagger's own speed on one
    core and does not drop when other processes compete for the machine; pass
    ``time.perf_counter`` for wall-clock time.
    """
    if not texts:
        return 0.0
    start = clock()
    for _ in range(repeat):
        for text in texts:
            tag_comment(text)
    elapsed = clock() - start
    return len(texts) * repeat / elapsed if elapsed > 0 else float("inf")
