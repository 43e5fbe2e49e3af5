"""A bad setting in the environment is named with what it accepts, and stops the CLI and gunicorn with 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QUOTETRACE = str(Path(sys.executable).with_name("quotetrace"))
GUNICORN = [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT), "-c", "python:service.gunicorn_config"]

BAD = [
    ("QUOTETRACE_MAX_BODY", "2M", "whole number"),
    ("PORT", "abc", "whole number"),
    ("PORT", "70000", "at most 65535"),
    ("WEB_CONCURRENCY", "two", "whole number"),
    ("QUOTETRACE_REQUEST_DEADLINE", "20s", "number"),
    ("QUOTETRACE_HEADER_SECONDS", "0", "at least 0.1"),
    ("QUOTETRACE_BODY_SECONDS", "soon", "number"),
    ("QUOTETRACE_FETCH_ALLOW_LOOPBACK", "yes", "1 (on) or 0 (off)"),
    ("QUOTETRACE_REQUIRE_KEYS", "true", "1 (on) or 0 (off)"),
    ("QUOTETRACE_CORS_ORIGINS", "cms.example", "origins"),
    ("DATABASE_URL", "not a url", "database URL"),
]


def _run(command: list[str], variable: str, value: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}", variable: value}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)


@pytest.mark.parametrize(("variable", "value", "accepts"), BAD)
def test_serve_names_a_bad_setting_and_exits_2(tmp_path, variable, value, accepts):
    result = _run([QUOTETRACE, "serve"], variable, value, tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{variable}={value!r}" in result.stderr
    assert accepts in result.stderr
    assert "Traceback" not in result.stderr


# WEB_CONCURRENCY is gunicorn's own: gunicorn reads it while it is imported, before any config of ours.
@pytest.mark.parametrize(
    ("variable", "value", "accepts"), [bad for bad in BAD if bad[0] != "WEB_CONCURRENCY"]
)
def test_gunicorn_boot_names_a_bad_setting_and_exits_2(tmp_path, variable, value, accepts):
    result = _run([*GUNICORN, "wsgi:app"], variable, value, tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"{variable}={value!r}" in result.stderr
    assert accepts in result.stderr
    assert "Traceback" not in result.stderr


def test_other_commands_name_a_bad_database_url_and_exit_2(tmp_path):
    result = _run([QUOTETRACE, "migrate"], "DATABASE_URL", "not a url", tmp_path)
    assert result.returncode == 2
    assert "DATABASE_URL='not a url'" in result.stderr
    assert "Traceback" not in result.stderr
