"""Operators' pages for reputations and the rating-ring queue.

Ring flags are resolved only through the ring services (dismiss, confirm), so every decision
is audited and removals go through the moderation service; nothing can be edited or deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import Case, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from twoway.accounts.models import User
from twoway.core.admin import ReadOnlyAdmin
from twoway.core.admin_history import history_table
from twoway.core.errors import DomainError
from twoway.core.templatetags.twoway import money
from twoway.feedback.models import Feedback
from twoway.reputation import services
from twoway.reputation.models import RatingBaseline, Reputation, RingFlag, RingStatus


@admin.register(Reputation)
class ReputationAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "role",
        "feedback_score",
        "review_count",
        "ranking_score",
        "given_count",
        "updated_at",
    ]
    list_filter = ["role"]
    search_fields = ["user__username"]
    list_select_related = ["user"]


def _person_link(user: User | None) -> SafeString:
    if user is None:
        return format_html("{}", "—")
    return format_html(
        '<a href="{}">{}</a> (<a href="{}">profile</a>)',
        reverse("admin:accounts_user_change", args=[user.pk]),
        user.username,
        reverse("accounts:profile", args=[user.pk]),
    )


@admin.register(RatingBaseline)
class RatingBaselineAdmin(ReadOnlyAdmin):
    """What everyone in a role gives on average (refreshed by the sweeper)."""

    list_display = ["role", "given_count", "given_sum", "computed_at"]


@admin.register(RingFlag)
class RingFlagAdmin(ReadOnlyAdmin):
    """The rating-ring queue: open flags first, most recent evidence first."""

    list_display = [
        "id",
        "status",
        "kind",
        "people",
        "contract_count",
        "paid",
        "lowest_score",
        "roles_swapped",
        "evidence_summary",
        "updated_at",
    ]
    list_filter = ["status", "kind", "roles_swapped"]
    search_fields = ["person_a__username", "person_b__username", "person_c__username"]
    list_select_related = ["person_a", "person_b", "person_c"]
    actions = ["confirm_and_remove", "confirm_keep_feedback", "dismiss_selected"]
    fields = [
        "status",
        "kind",
        "people",
        "roles_swapped",
        "contract_count",
        "paid",
        "lowest_score",
        "evidence_table",
        "created_at",
        "updated_at",
        "resolved_at",
        "resolved_by",
        "resolution_note",
        "history",
    ]

    def get_ordering(self, request: HttpRequest) -> tuple[Any, ...]:
        open_first = Case(When(status=RingStatus.OPEN, then=Value(0)), default=Value(1))
        return (open_first.asc(), "-updated_at")

    @admin.display(description="people")
    def people(self, obj: RingFlag) -> SafeString:
        return format_html_join(
            ", ",
            "{}",
            ((_person_link(p),) for p in (obj.person_a, obj.person_b, obj.person_c) if p),
        )

    @admin.display(description="total paid", ordering="total_paid_cents")
    def paid(self, obj: RingFlag) -> str:
        return money(obj.total_paid_cents)

    @admin.display(description="evidence")
    def evidence_summary(self, obj: RingFlag) -> SafeString:
        """One line per contract: amount paid and the scores given each way."""
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">#{}</a> {} · client gave {} · freelancer gave {}',
            (
                (
                    reverse("admin:contracts_contract_change", args=[item["contract_id"]]),
                    item["contract_id"],
                    money(item["paid_cents"]),
                    item["client_gave"],
                    item["freelancer_gave"],
                )
                for item in obj.evidence
            ),
        )

    @admin.display(description="evidence: the ring contracts")
    def evidence_table(self, obj: RingFlag) -> SafeString:
        names = dict(User.objects.filter(pk__in=obj.people_ids).values_list("pk", "username"))
        feedback: dict[int, list[Feedback]] = {}
        for item in Feedback.objects.filter(contract_id__in=obj.contract_ids).order_by("pk"):
            feedback.setdefault(item.contract_id, []).append(item)
        resolved = set(obj.resolved_contract_ids)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{}</td><td>{}</td></tr>",
            (
                (
                    format_html(
                        '<a href="{}">#{}</a> (<a href="{}">page</a>){}',
                        reverse("admin:contracts_contract_change", args=[item["contract_id"]]),
                        item["contract_id"],
                        reverse("contracts:detail", args=[item["contract_id"]]),
                        " new since the decision"
                        if obj.status == RingStatus.OPEN
                        and resolved
                        and item["contract_id"] not in resolved
                        else "",
                    ),
                    item["title"],
                    names.get(item["client_id"], item["client_id"]),
                    names.get(item["freelancer_id"], item["freelancer_id"]),
                    money(item["paid_cents"]),
                    item["client_gave"],
                    item["freelancer_gave"],
                    (item["ended_at"] or "")[:10],
                    self._feedback_links(feedback.get(item["contract_id"], [])),
                )
                for item in obj.evidence
            ),
        )
        return format_html(
            "<table><thead><tr><th>Contract</th><th>Title</th><th>Client</th><th>Freelancer</th>"
            "<th>Paid</th><th>Client gave</th><th>Freelancer gave</th><th>Ended</th>"
            "<th>Feedback</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @staticmethod
    def _feedback_links(items: list[Feedback]) -> SafeString:
        return format_html_join(
            ", ",
            '<a href="{}">#{} by the {}</a>{}',
            (
                (
                    reverse("admin:feedback_feedback_change", args=[f.pk]),
                    f.pk,
                    f.author_role,
                    " (removed)" if f.is_removed else "",
                )
                for f in items
            ),
        )

    @admin.display(description="history of the flag and its contracts")
    def history(self, obj: RingFlag) -> SafeString:
        targets: list[Any] = [obj, *Feedback.objects.filter(contract_id__in=obj.contract_ids)]
        return history_table(targets)

    def _run(
        self,
        request: HttpRequest,
        queryset: QuerySet[RingFlag],
        action: Callable[..., RingFlag],
        **options: Any,
    ) -> None:
        done = 0
        for flag in queryset.filter(status=RingStatus.OPEN):
            try:
                action(operator=request.user, flag_id=flag.pk, **options)
                done += 1
            except DomainError as exc:
                messages.warning(request, exc.message)
        if done:
            messages.success(request, f"Done for {done} flag(s).")

    @admin.action(description="Confirm: a ring — remove its feedback from every score")
    def confirm_and_remove(self, request: HttpRequest, queryset: QuerySet[RingFlag]) -> None:
        self._run(
            request,
            queryset,
            services.ring_flag_confirm,
            note="Confirmed from the ring queue",
            remove_feedback=True,
        )

    @admin.action(description="Confirm: a ring — but keep its feedback")
    def confirm_keep_feedback(self, request: HttpRequest, queryset: QuerySet[RingFlag]) -> None:
        self._run(
            request,
            queryset,
            services.ring_flag_confirm,
            note="Confirmed from the ring queue",
            remove_feedback=False,
        )

    @admin.action(description="Dismiss: not a ring")
    def dismiss_selected(self, request: HttpRequest, queryset: QuerySet[RingFlag]) -> None:
        self._run(
            request,
            queryset,
            services.ring_flag_dismiss,
            note="Dismissed from the ring queue",
        )
