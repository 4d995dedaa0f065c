from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from twoway import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {"twoway_version": __version__}
