"""Every response carries the security headers; the pages need no inline code."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/freelancers/", "/login/", "/signup/", "/healthz", "/api/v1/jobs"]
)
def test_responses_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/freelancers/", "/login/", "/signup/"])
def test_pages_have_no_inline_scripts_or_styles(client, path):
    html = client.get(path).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert " style=" not in html
    assert "<style" not in html


def test_secure_cookie_flags_follow_the_https_setting():
    import importlib
    import os

    import twoway.settings as settings_module

    previous = os.environ.get("HTTPS")
    try:
        os.environ["HTTPS"] = "true"
        secure = importlib.reload(settings_module)
        assert secure.SESSION_COOKIE_SECURE is True
        assert secure.CSRF_COOKIE_SECURE is True
        assert secure.SECURE_HSTS_SECONDS > 0
        assert secure.SESSION_COOKIE_HTTPONLY is True
    finally:
        if previous is None:
            os.environ.pop("HTTPS", None)
        else:
            os.environ["HTTPS"] = previous
        importlib.reload(settings_module)
