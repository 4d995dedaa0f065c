from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from twoway.core.http import actor_of
from twoway.notifications import selectors, services
from twoway.notifications.texts import message_for


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.notification_list(user=actor, cursor=request.GET.get("cursor") or None)
    rows = [{"notification": n, "message": message_for(n)} for n in page.items]
    return render(request, "notifications/inbox.html", {"page": page, "rows": rows})


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=actor_of(request))
    return redirect("notifications:inbox")


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = services.notification_mark_read(
        user=actor_of(request), notification_id=notification_id
    )
    return redirect(message_for(notification).url)
