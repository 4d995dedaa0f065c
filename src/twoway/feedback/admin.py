"""The operators' side of the feedback system: the report queue and moderation.

Every action goes through the moderation services, so it is audited and keeps reputations in
step; nothing can be deleted from here.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from twoway.core.admin import ReadOnlyAdmin
from twoway.core.admin_history import history_table
from twoway.core.errors import DomainError
from twoway.feedback import services
from twoway.feedback.models import Feedback, FeedbackResponse, Report, ReportStatus


def _run(request: HttpRequest, action: object, items: list[object], **kwargs: object) -> None:
    done = 0
    for item in items:
        try:
            action(operator=request.user, **{**kwargs, **item})  # type: ignore[operator, dict-item]
            done += 1
        except DomainError as exc:
            messages.warning(request, exc.message)
    if done:
        messages.success(request, f"Done for {done} item(s).")


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = ("created_at", "reporter", "reason", "details", "target", "status", "resolved_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "contract",
        "author",
        "author_role",
        "subject",
        "overall",
        "state",
        "submitted_at",
    ]
    list_filter = ["author_role", ("removed_at", admin.EmptyFieldListFilter), "private_reason"]
    search_fields = ["comment", "author__username", "subject__username", "=contract__id"]
    list_select_related = ["contract", "author", "subject"]
    date_hierarchy = "submitted_at"
    inlines = [ReportInline]
    actions = ["remove_selected", "restore_selected"]
    fieldsets = [
        (None, {"fields": ["contract", "author", "author_role", "subject", "state"]}),
        ("Public", {"fields": ["overall", "ratings_table", "comment", "response_text"]}),
        (
            "Private (never shown to the person rated)",
            {"fields": ["private_reason", "would_work_again", "private_note"]},
        ),
        (
            "Timeline",
            {
                "fields": [
                    "submitted_at",
                    "updated_at",
                    "reveals_at",
                    "revealed_at",
                    "removed_at",
                    "removed_by",
                    "removal_note",
                ]
            },
        ),
        ("History of the contract and this feedback", {"fields": ["history"]}),
    ]

    @admin.display(description="state")
    def state(self, obj: Feedback) -> str:
        from twoway.core import clock

        if obj.is_removed:
            return "removed"
        return "revealed" if obj.is_revealed(clock.now()) else "sealed"

    @admin.display(description="ratings")
    def ratings_table(self, obj: Feedback) -> SafeString:
        return format_html(
            "<br>".join(["{}: {}"] * len(obj.ratings)),
            *[part for item in obj.ratings.items() for part in item],
        )

    @admin.display(description="response")
    def response_text(self, obj: Feedback) -> str:
        response = getattr(obj, "response", None)
        if response is None:
            return "—"
        return f"{'[removed] ' if response.is_removed else ''}{response.text}"

    @admin.display(description="history")
    def history(self, obj: Feedback) -> SafeString:
        targets: list[object] = [obj.contract, *obj.contract.feedback.all()]
        response = getattr(obj, "response", None)
        if response is not None:
            targets.append(response)
        targets.extend(obj.reports.all())
        return history_table(targets)  # type: ignore[arg-type]

    @admin.action(description="Remove for violating policy")
    def remove_selected(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        _run(
            request,
            services.feedback_remove,
            [{"feedback_id": f.pk} for f in queryset],
            note="Removed from the feedback list",
        )

    @admin.action(description="Restore (show and count again)")
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        _run(request, services.feedback_restore, [{"feedback_id": f.pk} for f in queryset])


@admin.register(FeedbackResponse)
class FeedbackResponseAdmin(ReadOnlyAdmin):
    list_display = ["id", "feedback", "author", "created_at", "removed_at"]
    list_filter = [("removed_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "author__username"]
    list_select_related = ["feedback", "author"]
    actions = ["remove_selected", "restore_selected"]

    @admin.action(description="Remove for violating policy")
    def remove_selected(self, request: HttpRequest, queryset: QuerySet[FeedbackResponse]) -> None:
        _run(request, services.response_remove, [{"feedback_id": r.feedback_id} for r in queryset])

    @admin.action(description="Restore")
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[FeedbackResponse]) -> None:
        _run(request, services.response_restore, [{"feedback_id": r.feedback_id} for r in queryset])


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """The moderation queue: open reports first, oldest first."""

    list_display = [
        "id",
        "created_at",
        "status",
        "reason",
        "target",
        "reporter",
        "reported_text",
        "feedback_link",
    ]
    list_filter = ["status", "reason", "target"]
    search_fields = ["details", "reporter__username", "feedback__comment"]
    list_select_related = ["reporter", "feedback", "feedback__response"]
    ordering = ["status", "created_at"]
    actions = ["uphold_selected", "dismiss_selected"]
    fields = [
        "status",
        "reason",
        "target",
        "reporter",
        "details",
        "created_at",
        "reported_text",
        "feedback_link",
        "resolved_at",
        "resolved_by",
        "resolution_note",
        "history",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return super().get_queryset(request)

    @admin.display(description="reported text")
    def reported_text(self, obj: Report) -> str:
        if obj.target == "response":
            response = getattr(obj.feedback, "response", None)
            text = response.text if response else ""
        else:
            text = obj.feedback.comment
        return text[:300] + ("…" if len(text) > 300 else "")

    @admin.display(description="feedback")
    def feedback_link(self, obj: Report) -> SafeString:
        return format_html(
            '<a href="../../feedback/{}/change/">feedback #{} (contract #{})</a>',
            obj.feedback_id,
            obj.feedback_id,
            obj.feedback.contract_id,
        )

    @admin.display(description="history of the contract")
    def history(self, obj: Report) -> SafeString:
        feedback = obj.feedback
        targets: list[object] = [feedback.contract, *feedback.contract.feedback.all(), obj]
        response = getattr(feedback, "response", None)
        if response is not None:
            targets.append(response)
        return history_table(targets)  # type: ignore[arg-type]

    @admin.action(description="Uphold: remove the reported content")
    def uphold_selected(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        _run(
            request,
            services.report_uphold,
            [{"report_id": r.pk} for r in queryset.filter(status=ReportStatus.OPEN)],
            note="Upheld from the report queue",
        )

    @admin.action(description="Dismiss: keep the content")
    def dismiss_selected(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        _run(
            request,
            services.report_dismiss,
            [{"report_id": r.pk} for r in queryset.filter(status=ReportStatus.OPEN)],
            note="Dismissed from the report queue",
        )
