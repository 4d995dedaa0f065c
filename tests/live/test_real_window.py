"""End to end against the real production server (`twoway serve`, gunicorn and the sweeper in
their own processes) with a feedback window of a few real seconds: no clock tricks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.live

WINDOW_SECONDS = 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Http:
    def __init__(self, base: str) -> None:
        self.base = base

    def call(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method)  # noqa: S310
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Http]:
    data_dir = tmp_path_factory.mktemp("live")
    env = {
        **os.environ,
        "TWOWAY_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'live.sqlite3'}",
        "SECRET_KEY": "live-test-secret",
        "DEBUG": "false",
        "FEEDBACK_WINDOW": f"{WINDOW_SECONDS}s",
        "SWEEP_INTERVAL": "1s",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    twoway = [sys.executable, "-m", "twoway.cli"]
    subprocess.run([*twoway, "migrate", "-v", "0"], env=env, check=True)
    port = _free_port()
    log = (Path(data_dir) / "server.log").open("w")
    process = subprocess.Popen(
        [*twoway, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    http = Http(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(http.base + "/healthz", timeout=1):  # noqa: S310
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the server did not start: " + (Path(data_dir) / "server.log").read_text())
    yield http
    process.terminate()
    process.wait(timeout=20)
    log.close()


def test_a_lone_feedback_is_revealed_when_a_real_window_closes(server: Http) -> None:
    password = "a-long-live-test-password"
    _, client = server.call(
        "POST",
        "/auth/signup",
        {
            "username": "liveclient",
            "password": password,
            "email": "lc@example.com",
            "roles": ["client"],
        },
    )
    _, freelancer = server.call(
        "POST",
        "/auth/signup",
        {
            "username": "livefree",
            "password": password,
            "email": "lf@example.com",
            "roles": ["freelancer"],
        },
    )
    ct, ft = client["token"], freelancer["token"]
    status, job = server.call(
        "POST",
        "/jobs",
        {
            "title": "Translate a leaflet",
            "description": "Two pages from English to Spanish, by Friday.",
            "skills": ["Spanish"],
            "budget_type": "fixed",
            "budget_cents": 20_000,
        },
        ct,
    )
    assert status == 201
    _, proposal = server.call(
        "POST",
        f"/jobs/{job['id']}/proposals",
        {"cover_letter": "Native speaker here.", "bid_cents": 18_000},
        ft,
    )
    _, contract = server.call("POST", f"/proposals/{proposal['id']}/hire", None, ct)
    assert (
        server.call("POST", f"/contracts/{contract['id']}/payments", {"amount_cents": 18_000}, ct)[
            0
        ]
        == 201
    )
    status, _ = server.call("POST", f"/contracts/{contract['id']}/end", {"reason": "completed"}, ct)
    assert status == 200
    status, _ = server.call(
        "POST",
        f"/contracts/{contract['id']}/feedback",
        {
            "ratings": {
                "skills": 5,
                "quality": 5,
                "availability": 4,
                "adherence_to_schedule": 5,
                "communication": 5,
                "cooperation": 5,
            },
            "comment": "Fast and precise.",
            "private": {"reason": "completed", "would_work_again": 10},
        },
        ct,
    )
    assert status == 201

    # Sealed: the freelancer sees only that it exists; the public sees nothing.
    _, seen = server.call("GET", f"/contracts/{contract['id']}/feedback", token=ft)
    assert seen["from_client"] == {"status": "sealed"}
    _, history = server.call("GET", f"/users/{freelancer['user']['id']}/feedback?role=freelancer")
    assert history["items"] == []

    time.sleep(WINDOW_SECONDS + 0.5)
    # The window has closed: revealed on the very next read...
    _, seen = server.call("GET", f"/contracts/{contract['id']}/feedback", token=ft)
    assert seen["from_client"]["comment"] == "Fast and precise."
    assert "private" not in seen["from_client"] or seen["from_client"]["private"] is None
    # ...and the sweeper (run by `serve`) records it: aggregates and a notification.
    deadline = time.monotonic() + 15
    kinds: list[str] = []
    while time.monotonic() < deadline:
        _, inbox = server.call("GET", "/notifications", token=ft)
        kinds = [item["kind"] for item in inbox["items"]]
        if "feedback_revealed" in kinds:
            break
        time.sleep(0.5)
    assert "feedback_revealed" in kinds
    status, late = server.call(
        "POST",
        f"/contracts/{contract['id']}/feedback",
        {
            "ratings": {
                "clarity_of_requirements": 5,
                "communication": 5,
                "cooperation": 5,
                "availability": 5,
                "reasonable_deadlines": 5,
                "payment_promptness": 5,
            },
            "comment": "",
            "private": {"reason": "completed", "would_work_again": 10},
        },
        ft,
    )
    assert status == 409
    assert late["code"] == "feedback_window_closed"
