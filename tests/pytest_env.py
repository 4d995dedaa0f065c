"""Loaded with ``-p tests.pytest_env`` (see pyproject.toml) before Django's settings, so a
plain ``python -m pytest`` works without exporting anything. Test-only values."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
