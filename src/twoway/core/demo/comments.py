"""What people write in the demo's feedback: a bank of sentences per side, tone and topic.

A comment is put together from an opener, a few sentences about what went well or badly and a
closer, each picked with the plan's seeded RNG, so two reviews rarely read alike but the demo
is the same every time. Sentences name concrete things (deadlines, replies, drafts, invoices,
the brief) because that is what makes a review useful to the next person, and what the theme
tagger looks for.

Tones: glowing (about 4.83-5.00), positive (4.5-4.83), mixed (3-4.2), negative (2-3), awful
(1-2). Topics are the things a review is about: see ``FREELANCER_TOPICS`` and
``CLIENT_TOPICS``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

GLOWING, POSITIVE, MIXED, NEGATIVE, AWFUL = "glowing", "positive", "mixed", "negative", "awful"
TONES = (GLOWING, POSITIVE, MIXED, NEGATIVE, AWFUL)
LOW_TONES = (NEGATIVE, AWFUL)

# Topics of a client's review of a freelancer, and the criteria each one drags down.
FREELANCER_TOPICS: dict[str, tuple[str, ...]] = {
    "deadlines": ("adherence_to_schedule", "availability"),
    "quality": ("quality", "skills"),
    "communication": ("communication", "availability"),
    "cooperation": ("cooperation",),
}
# Topics of a freelancer's review of a client.
CLIENT_TOPICS: dict[str, tuple[str, ...]] = {
    "non_payment": ("payment_promptness", "cooperation"),
    "scope": ("clarity_of_requirements", "reasonable_deadlines"),
    "communication": ("communication", "availability"),
    "deadlines": ("reasonable_deadlines",),
    "slow_payment": ("payment_promptness",),
    "respect": ("cooperation", "communication"),
}


@dataclass(frozen=True)
class Fields:
    """What a sentence may mention."""

    first: str  # the first name of the person rated
    name: str  # their company, or their first name
    category: str  # the profession key of the job
    owed: str = ""  # money still owed, "$1,050"
    weeks: int = 3  # weeks the freelancer has been waiting
    late: int = 5  # days a delivery was late

    def as_dict(self, rng: random.Random) -> dict[str, object]:
        work = rng.choice(WORK.get(self.category, ("the work",)))
        return {
            "first": self.first,
            "name": self.name,
            "work": work,
            "Work": work[0].upper() + work[1:],
            "owed": self.owed,
            "weeks": self.weeks,
            "late": self.late,
        }


WORK: dict[str, tuple[str, ...]] = {
    "web": ("the code", "the build", "the work"),
    "mobile": ("the app", "the new build", "the release"),
    "design": ("the designs", "the final files", "the concepts"),
    "writing": ("the drafts", "the writing", "the final text"),
    "data": ("the analysis", "the data work", "the deliverables"),
    "marketing": ("the campaign work", "the strategy", "the reporting"),
    "devops": ("the infrastructure work", "the new set-up"),
    "translation": ("the translation", "the translated text"),
    "video": ("the edits", "the final cut", "the videos"),
    "support": ("the support work", "the day-to-day help"),
    "finance": ("the bookkeeping", "the reports", "the finance work"),
}

# --- A client writes about a freelancer ------------------------------------------------------

F_SHORT = (
    "Great work, thank you!",
    "Excellent as always.",
    "Fast, friendly and very good at what they do.",
    "Top quality work, delivered on time.",
    "Did exactly what we asked, quickly and well.",
    "Would hire again without hesitation.",
)
F_OPEN_GLOWING = (
    "Outstanding work from start to finish.",
    "{first} was a pleasure to work with.",
    "Exactly the kind of freelancer you hope to find.",
    "We couldn't have asked for a better result.",
    "One of the best hires we've made on this platform.",
    "Really impressed.",
    "Excellent freelancer.",
)
F_OPEN_POSITIVE = (
    "Good experience overall.",
    "Solid work and easy to deal with.",
    "{first} did a very good job.",
    "Happy with the outcome.",
    "Reliable and professional.",
)
F_PRAISE: dict[str, tuple[str, ...]] = {
    "quality": (
        "The quality of {work} was excellent.",
        "{Work} needed almost no revisions.",
        "Attention to detail was superb; everything was polished when it arrived.",
        "Everything was right the first time we checked it.",
        "{Work} is better than what we had in mind when we wrote the brief.",
    ),
    "deadlines": (
        "Delivered ahead of the deadline.",
        "Every milestone landed on the day we agreed.",
        "Hit every deadline, even when we moved one forward.",
        "Finished two days early, which gave us time to test properly.",
        "Always on schedule.",
    ),
    "communication": (
        "Communication was clear and proactive, with short updates every few days.",
        "{first} explained the trade-offs in plain language so we could decide quickly.",
        "We always knew where things stood thanks to regular check-ins.",
        "Asked the right questions at the start, which saved us a lot of back and forth.",
        "Great communicator: clear, friendly and to the point.",
    ),
    "skills": (
        "Clearly knows this field inside out.",
        "Brought ideas we hadn't thought of.",
        "Strong skills and good judgement about what not to do.",
        "Solved a problem two previous freelancers had given up on.",
    ),
    "cooperation": (
        "Took our feedback on board without any fuss.",
        "Flexible when our priorities shifted mid-project.",
        "Easy to work with and a pleasure to have on the team.",
        "Happy to jump on a call whenever we needed to talk something through.",
    ),
    "availability": (
        "Very responsive, usually replying within the hour.",
        "Overlapped with our working hours, which made a real difference.",
        "Always available when we needed a quick answer.",
    ),
}
F_PRAISE_CATEGORY: dict[str, tuple[str, ...]] = {
    "web": (
        "The code is clean and came with tests and a short README.",
        "Everything was tested before it reached us.",
        "Handover was smooth; our in-house developer picked it up in an afternoon.",
    ),
    "mobile": (
        "The app has been stable since release, with no crash reports so far.",
        "Got the update through App Store review on the first try.",
    ),
    "design": (
        "The files were organised and easy for us to use.",
        "The concepts were distinct and thoughtful, and the final direction feels like us.",
        "Our customers noticed the new look straight away.",
    ),
    "writing": (
        "The copy sounds like us, only better.",
        "Thoroughly researched and needed only light edits.",
        "Needed very few edits before publishing.",
    ),
    "data": (
        "The results were easy to check and well documented.",
        "The write-up explained the findings without jargon.",
        "Found problems in our data we didn't know we had.",
    ),
    "marketing": (
        "We saw results within the first month.",
        "The weekly reports were short, honest and useful.",
        "Set up tracking properly before spending anything, which we appreciated.",
    ),
    "devops": (
        "Explained every change before making it, and nothing broke in production.",
        "Everything is documented, and the runbook is actually readable.",
    ),
    "translation": (
        "Our native-speaking customers noticed the difference straight away.",
        "Kept our terminology consistent and flagged a few mistakes in the English original.",
    ),
    "video": (
        "The edits kept the pace up and the audio was clean.",
        "Turnaround on each video was under two days.",
        "Great instinct for what to cut.",
    ),
    "support": (
        "Customers mentioned how quick and friendly the replies were.",
        "The inbox has never been this organised.",
    ),
    "finance": (
        "Everything was explained clearly, with a source for every number.",
        "Spotted two duplicate supplier payments in the first week.",
    ),
}
F_SMALL_GRIPE = (
    "Only small thing: a couple of replies took a day or so.",
    "One delivery was a day late, but it was flagged in advance.",
    "The first draft needed a round of changes, which was handled quickly.",
    "Would have liked a few more progress updates, but the result was worth it.",
)
F_COMPLAINT: dict[str, tuple[str, ...]] = {
    "deadlines": (
        "Missed the first two deadlines and we had to push our launch back a week.",
        "Deliveries kept slipping; every milestone was late by several days.",
        "The final delivery came {late} days after the agreed date.",
        "Missed deadlines without warning, so we found out on the day.",
        "Deadlines were treated as suggestions.",
    ),
    "quality": (
        "The first drafts needed a lot of rework before they were usable.",
        "Quality was uneven: some parts were good, others had obvious mistakes.",
        "We found several problems after handover that should have been caught.",
        "{Work} didn't match the brief and had to be redone.",
        "The quality of {work} was well below what the portfolio suggested.",
    ),
    "communication": (
        "Went quiet for a week in the middle of the project without warning.",
        "Updates were hard to get; we usually had to chase.",
        "Replies often took two or three days.",
        "Stopped answering messages once the first payment went through.",
    ),
    "cooperation": (
        "Pushed back on small changes that were clearly in the brief.",
        "Got defensive whenever we gave feedback.",
        "Insisted on doing things their own way rather than what we asked for.",
    ),
}
F_OPEN_MIXED = (
    "Good skills, but the project didn't go as smoothly as hoped.",
    "Solid work in the end, with some bumps along the way.",
    "Mixed experience.",
    "Decent result, frustrating process.",
    "Talented, but the project needed more management than we expected.",
)
F_MIXED_PRAISE = (
    "The final result was decent.",
    "{first} clearly knows the tools well.",
    "When the work came in, it was mostly good.",
    "Friendly and polite throughout.",
)
F_CLOSE_GLOWING = (
    "Will definitely hire again.",
    "Highly recommended.",
    "We already have the next project lined up.",
    "Thanks, {first}!",
    "Can't recommend {first} enough.",
    "Five stars, well earned.",
)
F_CLOSE_POSITIVE = (
    "Would work with {first} again.",
    "Recommended.",
    "Thanks for the good work.",
    "Happy to recommend.",
)
F_CLOSE_MIXED = (
    "Would consider again for a smaller, well-defined task.",
    "Fine for simple work, but plan for extra time.",
    "Not a bad experience, just not a great one.",
)
F_CLOSE_NEGATIVE = (
    "Can't recommend, unfortunately.",
    "Disappointing.",
    "Not what we were promised in the proposal.",
)
F_CLOSE_ENDED_EARLY = (
    "We had to bring in someone else to finish.",
    "We ended the contract early.",
)
F_CANCELLED_NOT_THEIR_FAULT = (
    "We had to pause the project for budget reasons; nothing to do with {first}'s work.",
    "Our plans changed and we ended the contract early, but what {first} delivered was good.",
    "Cancelled on our side after a change of direction. {first} handled it gracefully.",
)
# What a client who rarely pays writes about the people he hired.
F_FROM_POOR_PAYER = (
    "Took much longer than promised and the result wasn't what I asked for.",
    "Didn't follow instructions. I had to explain everything twice.",
    "Overpriced for what was delivered.",
    "Kept asking about payment instead of finishing the work.",
    "Not up to the standard I expect. Gave up halfway.",
    "Expected a lot more for the money.",
)

# --- A freelancer writes about a client ------------------------------------------------------

C_SHORT = (
    "Great client, clear brief and prompt payment.",
    "Lovely to work with. Paid on time.",
    "Clear, kind and quick to pay. Recommended.",
    "A pleasure, as always.",
    "Would gladly work with {first} again.",
)
C_OPEN_GLOWING = (
    "One of the best clients I've worked with.",
    "A fantastic client.",
    "Working with {first} was a pleasure from start to finish.",
    "I'd happily work with {name} again.",
    "Every freelancer should have clients like {first}.",
    "Great client.",
)
C_OPEN_POSITIVE = (
    "Good client to work with.",
    "A smooth project overall.",
    "{first} was easy to work with.",
    "Friendly and professional.",
)
C_PRAISE: dict[str, tuple[str, ...]] = {
    "clarity": (
        "The brief was clear and detailed, with examples of what they liked.",
        "{first} knew exactly what was needed and wrote it down, which made the work "
        "straightforward.",
        "Requirements were well thought out from day one.",
        "Everything I needed (access, assets, brand guidelines) was ready on the first day.",
    ),
    "communication": (
        "Great communication throughout; questions were answered within hours.",
        "Feedback on each draft was specific and constructive.",
        "Weekly check-ins kept everything on track.",
        "Quick, clear replies every time.",
    ),
    "payment": (
        "Paid promptly at every milestone.",
        "Payment arrived the same day I delivered.",
        "Invoices were paid without me ever having to ask.",
        "Funded each milestone up front and released it as soon as the work was approved.",
    ),
    "deadlines": (
        "Deadlines were realistic and agreed together.",
        "Never felt rushed; the timeline left room to do it properly.",
    ),
    "cooperation": (
        "Respectful, appreciative and open to suggestions.",
        "Trusted my judgement on the details.",
        "Open to my suggestions, and made quick decisions when something needed deciding.",
    ),
    "availability": (
        "Always available for a quick call when something needed deciding.",
        "Made time for a short call whenever I was blocked.",
    ),
}
C_SMALL_GRIPE = (
    "Feedback sometimes took a few days, but it was always worth the wait.",
    "The scope grew a little, and we agreed the extra work fairly.",
    "One payment was a couple of days late, but {first} let me know in advance.",
)
C_COMPLAINT: dict[str, tuple[str, ...]] = {
    "scope": (
        "Requirements changed a few times along the way, which stretched the timeline.",
        "The scope grew during the project without the budget growing with it.",
        "Several new requests came in after we had agreed the brief.",
    ),
    "communication": (
        "Feedback rounds sometimes took a week, which made the schedule hard to keep.",
        "Hard to reach at times; some questions waited days for an answer.",
        "Went quiet for two weeks in the middle of the project.",
    ),
    "deadlines": (
        "Deadlines were tight for the amount of work involved.",
        "Wanted everything yesterday, even the parts that were waiting on them.",
    ),
    "slow_payment": (
        "Payments were a week or two late, though they did arrive.",
        "I had to remind them about the last invoice twice.",
    ),
    "respect": ("Could be curt when things didn't go their way.",),
}
C_OPEN_MIXED = (
    "Decent client overall.",
    "A reasonable project with a few frustrations.",
    "Mixed experience.",
    "Fine to work with, with some caveats.",
)
C_MIXED_PRAISE: tuple[tuple[str, str], ...] = (  # (topic it praises, sentence)
    ("respect", "The project itself was interesting and {first} was polite throughout."),
    ("slow_payment", "Payment for the work done arrived without problems."),
    ("communication", "{first} was friendly and clearly cared about the product."),
)
C_CLOSE_GLOWING = (
    "I hope to work together again soon.",
    "Highly recommended to any freelancer.",
    "Thanks again, {first}!",
    "Any freelancer would be lucky to have this client.",
    "Looking forward to the next project.",
)
C_CLOSE_POSITIVE = (
    "Would work with {first} again.",
    "Recommended.",
    "Thanks for the opportunity.",
)
C_CLOSE_MIXED = (
    "I'd work with them again, with a tighter brief and a fixed number of revisions.",
    "Worth working with if you agree the scope in writing first.",
    "Not a bad client, just be clear about the process up front.",
)
C_CLOSE_NEGATIVE = (
    "Not a client I'd work with again.",
    "Be careful with this one.",
    "I wouldn't take another project from them.",
)
C_CANCELLED = (
    "{first} cancelled the project after the first phase when their plans changed, and was "
    "upfront and fair about it.",
    "The contract ended early for budget reasons on their side; no complaints.",
    "Plans changed on their side and the project stopped early, but it was handled professionally.",
)
C_WENT_QUIET = (
    "Stopped replying halfway through, so I had to end the contract.",
    "Communication dried up after the first delivery and I never got feedback on the drafts.",
)

# A client who hires a lot and rarely pays: what the freelancers say.
P_OPEN = (
    "Avoid.",
    "Do not work with this client.",
    "Worst experience I've had on this platform.",
    "Very disappointing.",
    "",
    "",
)
P_NOTHING_PAID = (
    "Delivered everything on time and never received a cent.",
    "The client approved the work, used it, and never paid.",
    "Still waiting for my money {weeks} weeks after delivery.",
    "Never paid for any of the work, and stopped answering when I sent the invoice.",
    "The milestone was never funded and the client never paid, despite using what I delivered.",
    "Payment was promised 'next week' for a month and never arrived. {owed} still unpaid.",
)
P_PARTLY_PAID = (
    "Paid the deposit, then never paid the final milestone.",
    "Paid for the first part and then never paid the final milestone ({owed} still owed).",
    "Still waiting for my money: {owed} for work that was approved {weeks} weeks ago.",
    "Paid a small deposit and never paid the remaining {owed}.",
)
P_HOURLY_UNPAID = (
    "My last {weeks} weeks of logged hours were never paid.",
    "Still waiting for my money for the hours worked after the first week.",
    "Stopped paying for the hours after the first invoice and then stopped replying.",
)
P_SCOPE = (
    "Kept adding features that were never in the original brief.",
    "Changed the scope midway and expected it done for the same price.",
    "The brief doubled in size after the contract started.",
    "Every call added 'one more small thing', and the scope kept growing.",
    "Kept moving the goalposts, then used the delays as an excuse not to pay.",
)
P_EXTRA = (
    "Deadlines were unrealistic and moved forward without notice.",
    "Became rude when I asked about payment.",
    "Messages about the unpaid invoice were read and ignored.",
    "Blamed me for delays caused by their own late feedback.",
    "Asked for the source files before paying, then disappeared.",
)
P_WARN = (
    "Freelancers, be careful: ask for the full milestone to be funded before you start.",
    "Read the other reviews before applying.",
    "Save yourself the trouble.",
    "Don't start work until the milestone is funded.",
    "I'm writing this so the next freelancer knows what to expect.",
)

# --- Private notes to the platform -----------------------------------------------------------

NOTE_CLIENT_POSITIVE = (
    "Great experience; nothing to report.",
    "We'd like to hire them again next quarter.",
    "Smooth from start to finish.",
)
NOTE_FREELANCER_POSITIVE = (
    "Happy to be matched with similar projects.",
    "Great experience; nothing to report.",
    "Smooth from start to finish.",
)
NOTE_CLIENT_CRITICAL = (
    "We asked for a partial refund for the missed milestone and didn't get one.",
    "They went silent for nine days with no explanation.",
    "The portfolio they showed may not have been their own work.",
)
NOTE_FREELANCER_CRITICAL = (
    "The client asked to continue the work outside the platform to avoid fees. I declined.",
    "I have screenshots of the approval and the unanswered payment reminders if needed.",
    "Please look into this client: several freelancers I know weren't paid either.",
    "The client asked me to start before the milestone was funded. I won't do that again.",
)


def _pick(rng: random.Random, options: Sequence[str], fields: dict[str, object]) -> str:
    if not fields.get("owed"):  # hourly work, or nothing owed: leave out the sentences about it
        options = [option for option in options if "{owed}" not in option] or options
    return rng.choice(options).format_map(fields)


def _join(parts: Sequence[str]) -> str:
    return " ".join(part for part in parts if part)


def about_freelancer(
    rng: random.Random,
    tone: str,
    complaints: Sequence[str],
    fields: Fields,
    *,
    cancelled: bool = False,
    from_poor_payer: bool = False,
) -> str:
    """A client's comment about the freelancer they hired."""
    f = fields.as_dict(rng)
    praise_topics = [t for t in F_PRAISE if t not in complaints]
    if from_poor_payer:
        picks = rng.sample(F_FROM_POOR_PAYER, 2 if tone in LOW_TONES else 1)
        return _join([p.format_map(f) for p in picks])
    if tone in (GLOWING, POSITIVE):
        if tone == GLOWING and rng.random() < 0.15:
            return _pick(rng, F_SHORT, f)
        parts = []
        if rng.random() < 0.65:
            parts.append(_pick(rng, F_OPEN_GLOWING if tone == GLOWING else F_OPEN_POSITIVE, f))
        if cancelled:
            parts.append(_pick(rng, F_CANCELLED_NOT_THEIR_FAULT, f))
        for topic in rng.sample(praise_topics, rng.choice([1, 2, 2, 3])):
            parts.append(_pick(rng, F_PRAISE[topic], f))
        if fields.category in F_PRAISE_CATEGORY and rng.random() < 0.55:
            parts.append(_pick(rng, F_PRAISE_CATEGORY[fields.category], f))
        if tone == POSITIVE and rng.random() < 0.45:
            parts.append(_pick(rng, F_SMALL_GRIPE, f))
        if rng.random() < 0.6:
            parts.append(_pick(rng, F_CLOSE_GLOWING if tone == GLOWING else F_CLOSE_POSITIVE, f))
        return _join(parts)
    topics = list(complaints) or ["deadlines"]
    parts = []
    if tone == MIXED:
        parts.append(_pick(rng, F_OPEN_MIXED, f))
        parts.append(_pick(rng, F_MIXED_PRAISE, f))
    for topic in topics[:2]:
        parts.append(_pick(rng, F_COMPLAINT[topic], f))
    closers: tuple[str, ...] = F_CLOSE_MIXED
    if tone != MIXED:
        closers = F_CLOSE_NEGATIVE + (F_CLOSE_ENDED_EARLY if cancelled else ())
    parts.append(_pick(rng, closers, f))
    return _join(parts)


def about_client(
    rng: random.Random,
    tone: str,
    complaints: Sequence[str],
    fields: Fields,
    *,
    cancelled: bool = False,
) -> str:
    """A freelancer's comment about an ordinary client (see ``about_poor_payer`` otherwise)."""
    f = fields.as_dict(rng)
    praise_topics = [t for t in C_PRAISE if t not in complaints]
    if tone in (GLOWING, POSITIVE):
        if tone == GLOWING and not cancelled and rng.random() < 0.15:
            return _pick(rng, C_SHORT, f)
        parts = []
        if rng.random() < 0.65:
            parts.append(_pick(rng, C_OPEN_GLOWING if tone == GLOWING else C_OPEN_POSITIVE, f))
        if cancelled:
            parts.append(_pick(rng, C_CANCELLED, f))
        for topic in rng.sample(praise_topics, rng.choice([1, 2, 2, 3])):
            parts.append(_pick(rng, C_PRAISE[topic], f))
        if tone == POSITIVE and rng.random() < 0.45:
            parts.append(_pick(rng, C_SMALL_GRIPE, f))
        if rng.random() < 0.55:
            parts.append(_pick(rng, C_CLOSE_GLOWING if tone == GLOWING else C_CLOSE_POSITIVE, f))
        return _join(parts)
    parts = []
    if tone == MIXED:
        parts.append(_pick(rng, C_OPEN_MIXED, f))
        praise = [text for topic, text in C_MIXED_PRAISE if topic not in complaints]
        parts.append(_pick(rng, praise, f))
    for topic in list(complaints)[:2] or ["communication"]:
        options = C_WENT_QUIET if topic == "communication" and tone in LOW_TONES else None
        parts.append(_pick(rng, options or C_COMPLAINT[topic], f))
    parts.append(_pick(rng, C_CLOSE_MIXED if tone == MIXED else C_CLOSE_NEGATIVE, f))
    return _join(parts)


def about_poor_payer(
    rng: random.Random, fields: Fields, *, paid_nothing: bool, hourly: bool, scope: bool
) -> str:
    """A freelancer's comment about a client who did not pay (and often moved the goalposts)."""
    f = fields.as_dict(rng)
    unpaid: tuple[str, ...]
    if hourly and not paid_nothing:
        unpaid = P_HOURLY_UNPAID
    else:
        unpaid = P_NOTHING_PAID if paid_nothing else P_PARTLY_PAID
    parts = [_pick(rng, P_OPEN, f), _pick(rng, unpaid, f)]
    if scope:
        parts.append(_pick(rng, P_SCOPE, f))
    if rng.random() < 0.5:
        parts.append(_pick(rng, P_EXTRA, f))
    if rng.random() < 0.7:
        parts.append(_pick(rng, P_WARN, f))
    return _join(parts)


# --- Scripted texts: responses, reports, moderation ------------------------------------------

THANKS_FROM_FREELANCER = (
    "Thank you, {first}! It was a pleasure working with you, and I'm glad it's already making "
    "a difference. Looking forward to the next one.",
    "Thanks so much for the kind words. A clear brief and quick feedback made it easy.",
    "Thank you! Happy to help again whenever you need it.",
    "Thanks {first}, that means a lot. Good luck with the launch!",
    "Thank you for trusting me with this, and for the quick replies along the way.",
)
THANKS_FROM_CLIENT = (
    "Thank you, {first}. It was a great collaboration and we'd love to work together again.",
    "Thanks for the kind review! Your work made our launch a lot easier.",
    "Thanks, {first}. The feeling is mutual.",
)
FREELANCER_ANSWERS_CRITICISM = (
    "Thanks for the feedback. I accept the second delivery was late and I should have warned "
    "you sooner. For what it's worth, the brief changed twice during that week. I've since "
    "changed how I schedule milestones so it doesn't happen again.",
    "I'm sorry the project didn't go the way you hoped. I delivered every revision you asked "
    "for within two working days; the delays came from waiting for assets. I wish you well "
    "with the launch.",
    "Fair points, and I've taken them on board. I now send a written progress note every "
    "Friday on every contract.",
)
CLIENT_ANSWERS_CRITICISM = (
    "Fair point about the slow feedback rounds. We've since named one person to approve "
    "drafts, so freelancers get answers within two days. Thanks for your patience.",
    "Thanks for the honest review. The scope did change while we were learning what our "
    "customers needed; we now agree changes in writing before work starts.",
)
POOR_PAYER_DISPUTES = (
    "This is not accurate. The work never met the brief, so there was nothing to pay for. I "
    "asked for fixes and got excuses.",
    "We pay for results, not for drafts. What was delivered was not usable and we told them "
    "so at the time.",
    "Freelancer is leaving out that they missed the deadline. Payment is released when the job "
    "is done properly.",
)
# Only in answer to a review that complains about scope changes.
POOR_PAYER_DISPUTES_SCOPE = (
    "The 'extra features' were part of the original idea; any competent freelancer would have "
    "understood that. I don't pay twice for the same work.",
)
# Only when the freelancer ended the contract.
POOR_PAYER_DISPUTES_THEY_ENDED = (
    "Not true. I was travelling for two weeks and said so. Instead of waiting, they ended the "
    "contract and left this review.",
)
# Only for a client who paid part of the price.
POOR_PAYER_DISPUTES_PARTLY_PAID = (
    "I paid what was agreed for the part that was delivered. The rest was late and not to the "
    "standard I asked for.",
    "The deposit covered what was actually usable. I'm not paying for revisions I had to ask "
    "for three times.",
)
