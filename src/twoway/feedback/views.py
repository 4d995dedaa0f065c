from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from twoway.contracts.selectors import contract_get_for_viewer
from twoway.core.errors import Conflict, DomainError, NotFound
from twoway.core.forms import call_service
from twoway.core.http import actor_of, viewer_of
from twoway.feedback import rules, selectors, services
from twoway.feedback.forms import FeedbackForm, ReportForm, ResponseForm


@login_required
@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest, contract_id: int) -> HttpResponse:
    """Leave feedback, or edit it while it is still sealed."""
    actor = actor_of(request)
    contract = contract_get_for_viewer(viewer=actor, contract_id=contract_id)
    state = selectors.contract_feedback_for_viewer(contract=contract, viewer=actor)
    if state.viewer_role is None:
        raise NotFound("No such contract.", code="contract_not_found")
    mine = state.mine.feedback if state.mine is not None else None
    editing = mine is not None
    if editing and not state.can_edit:
        messages.info(request, "Your feedback has been revealed and can no longer be changed.")
        return redirect("contracts:detail", contract_id=contract.pk)
    if not editing and not state.can_submit:
        messages.info(request, "Feedback can only be left while the feedback window is open.")
        return redirect("contracts:detail", contract_id=contract.pk)
    initial = FeedbackForm.initial_from(mine) if mine is not None else None
    form = FeedbackForm(request.POST or None, role=state.viewer_role, initial=initial)
    if request.method == "POST" and form.is_valid():
        service = services.feedback_edit if editing else services.feedback_submit
        saved = call_service(
            form,
            service,
            fields={"comment_required": "comment", "comment_too_long": "comment"},
            actor=actor,
            contract_id=contract.pk,
            **form.service_kwargs(),
        )
        if saved is not None:
            if saved.is_revealed(saved.updated_at):
                messages.success(
                    request, "Thank you. Both sides have spoken: the feedback is now visible."
                )
            else:
                messages.success(
                    request,
                    "Thank you. Your feedback is sealed until the other party leaves theirs or "
                    "the window closes; you can edit it until then.",
                )
            return redirect(f"/contracts/{contract.pk}/#feedback")
    other = contract.freelancer if state.viewer_role == rules.CLIENT else contract.client
    context = {
        "contract": contract,
        "form": form,
        "overall_preview": form.overall_preview(),
        "editing": editing,
        "other": other,
        "state": state,
    }
    return render(request, "feedback/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def feedback_request(request: HttpRequest, contract_id: int) -> HttpResponse:
    try:
        services.feedback_request(actor=actor_of(request), contract_id=contract_id)
        messages.success(request, "We asked them to leave their feedback.")
    except DomainError as exc:
        if exc.status == 404:
            raise
        messages.warning(request, exc.message)
    return redirect(f"/contracts/{contract_id}/#feedback")


@login_required
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, feedback_id: int) -> HttpResponse:
    actor = actor_of(request)
    view = selectors.feedback_get_for_viewer(feedback_id=feedback_id, viewer=actor)
    if view.feedback is None and view.state == selectors.SEALED:
        # The person rated knows it exists (as in the API: docs/decisions.md).
        raise Conflict("This feedback is not revealed yet.", code="feedback_sealed")
    services.response_check(actor=actor, feedback=view.feedback)
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = call_service(
            form,
            services.feedback_respond,
            actor=actor,
            feedback_id=feedback_id,
            text=form.cleaned_data["text"],
        )
        if response is not None:
            messages.success(request, "Your response is published under the feedback.")
            return redirect(f"/contracts/{response.feedback.contract_id}/#feedback")
    return render(
        request,
        "feedback/respond.html",
        {"view": view, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, feedback_id: int) -> HttpResponse:
    actor = actor_of(request)
    view = selectors.feedback_get_for_viewer(feedback_id=feedback_id, viewer=actor)
    if view.state != selectors.REVEALED:
        raise NotFound("Only revealed feedback can be reported.", code="feedback_not_found")
    target = request.GET.get("target") or request.POST.get("target") or "feedback"
    back = _same_site(request, request.POST.get("next") or request.GET.get("next"))
    form = ReportForm(request.POST or None, initial={"target": target})
    if request.method == "POST" and form.is_valid():
        created = call_service(
            form, services.report_create, actor=actor, feedback_id=feedback_id, **form.cleaned_data
        )
        if created is not None:
            messages.success(request, "Thank you. Operators will review your report.")
            return redirect(back or "/")
    return render(
        request,
        "feedback/report.html",
        {"view": view, "form": form, "target": target, "next": back},
        status=400 if form.errors else 200,
    )


def _same_site(request: HttpRequest, url: str | None) -> str:
    """``url`` if it stays on this site, else "": a link's ``next`` is anyone's to craft, and
    must not send a person who just reported abuse to another site (an open redirect)."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    """One feedback on its own page (evidence links point here), as the viewer may see it."""
    view = selectors.feedback_get_for_viewer(feedback_id=feedback_id, viewer=viewer_of(request))
    if view.feedback is None and view.state == selectors.SEALED:
        # The person rated knows it exists; its page would show nothing more than that.
        raise NotFound("This feedback is not revealed yet.", code="feedback_sealed")
    return render(request, "feedback/detail.html", {"view": view})


def history_fragment(request: HttpRequest, user_id: int, role: str) -> HttpResponse:
    """A page of a person's feedback history (the profile loads more through htmx)."""
    from twoway.accounts.selectors import user_get_public

    if role not in (rules.CLIENT, rules.FREELANCER):
        raise NotFound("No such history.", code="not_found")
    subject = user_get_public(user_id=user_id)
    page, views = selectors.feedback_history(
        subject=subject,
        role=role,
        viewer=viewer_of(request),
        cursor=request.GET.get("cursor") or None,
        limit=10,
    )
    return render(
        request,
        "feedback/_history.html",
        {"page": page, "views": views, "subject": subject, "role": role},
    )
