"""The server's guards over real HTTP: an upload quota, uploads removed once handled or stale, slowed-down logins."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from ui.guard import LoginThrottle, folder_bytes


def post(url: str, body: bytes, content_type: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def upload(url: str, name: str, data: bytes) -> tuple[int, object]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return post(url.rstrip("/") + "/gradio_api/upload", body, f"multipart/form-data; boundary={boundary}")


def login(url: str, user: str, password: str) -> int:
    body = urllib.parse.urlencode({"username": user, "password": password}).encode()
    return post(url.rstrip("/") + "/login", body, "application/x-www-form-urlencoded")[0]


@pytest.mark.slow
def test_uploads_never_added_are_bounded_by_the_quota_and_removed_when_stale(start_app):
    running = start_app(max_upload_mb=1, max_upload_total_mb=3)
    folder = Path(os.environ["GRADIO_TEMP_DIR"])
    statuses = [upload(running.url, f"junk-{n}.md", b"x" * 900_000)[0] for n in range(6)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [413, 413, 413]
    assert folder_bytes(folder) <= 3 * 2**20

    guards = next(m.kwargs["guards"] for m in running.app.server_app.user_middleware if "guards" in m.kwargs)
    guards.sweep(now=time.time() + guards.ttl + 1)
    assert folder_bytes(folder) == 0
    assert upload(running.url, "notes.md", b"# Notes\n\nFine.\n")[0] == 200, "room again"

    guards.close()  # what shutdown does
    assert not folder.exists()


@pytest.mark.slow
def test_an_upload_handled_by_the_app_leaves_no_file_behind(start_app, tmp_path):
    from gradio_client import Client, handle_file

    running = start_app()
    note = tmp_path / "atlantis.md"
    note.write_text("# Field notes\n\n## Pay\n\nAtlantis divers earn 42 pearls a month.\n", encoding="utf-8")
    Client(running.url, verbose=False).predict([handle_file(str(note))], api_name="/add_documents")
    assert "atlantis.md" in running.corpus_files()
    assert folder_bytes(Path(os.environ["GRADIO_TEMP_DIR"])) == 0


@pytest.mark.slow
def test_failed_logins_are_slowed_down_per_client_and_a_good_one_still_gets_in_after_the_wait(start_app):
    running = start_app(auth="ada:correct-horse", login_free_failures=3)
    assert [login(running.url, "ada", f"guess-{n}") for n in range(3)] == [400, 400, 400]
    blocked = [login(running.url, "ada", "correct-horse") for _ in range(20)]
    assert set(blocked) == {429}, "even the right password waits once a client is throttled"
    time.sleep(1.2)
    assert login(running.url, "ada", "correct-horse") == 200
    assert login(running.url, "ada", "wrong") == 400, "a success resets the count"


def test_the_wait_doubles_with_each_failure_up_to_the_cap_and_is_per_client():
    throttle = LoginThrottle(free_failures=2, max_wait=10)
    for n in range(2):
        throttle.record("10.0.0.1", success=False, now=100.0 + n)
    assert throttle.wait("10.0.0.1", now=101.0) == 1.0
    throttle.record("10.0.0.1", success=False, now=102.0)
    assert throttle.wait("10.0.0.1", now=102.0) == 2.0
    for _ in range(10):
        throttle.record("10.0.0.1", success=False, now=103.0)
    assert throttle.wait("10.0.0.1", now=103.0) == 10.0
    assert throttle.wait("10.0.0.2", now=103.0) == 0.0
    throttle.record("10.0.0.1", success=True, now=104.0)
    assert throttle.wait("10.0.0.1", now=104.0) == 0.0


@pytest.mark.slow
def test_an_idle_server_polls_its_queue_at_the_tuned_interval_not_every_millisecond(start_app):
    """Gradio's default (1 ms) made an idle `serve` wake ~1,700 times a second; benchmarks/idle.py measures it."""
    from ui.guard import IDLE_POLL_SECONDS

    running = start_app()
    assert running.app._queue.sleep_when_free == IDLE_POLL_SECONDS > 0.001
