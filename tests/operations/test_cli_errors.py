"""The `corridor` command: help everywhere; a wrong value or an unreachable database is
one readable line on stderr with exit status 2 (usage) or 1 (run time), never a
traceback; the embedded server is started, reported and stopped by `corridor db`."""

from __future__ import annotations

import argparse

import pytest

from app.cli import build_parser
from tests.operations.conftest import corridor, corridor_env, free_port


def _parsers(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def test_every_subcommand_and_option_has_help():
    parser = build_parser()
    for path, sub in _parsers(parser):
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help, (path, choice.dest)
            else:
                assert action.help, (path, action.dest)
        if path:
            assert sub.description or sub.format_help(), path


@pytest.mark.parametrize(
    "args",
    [
        ("token", "--role", "nurse"),
        ("token", "--role", "coordinator", "--org", "not-a-uuid"),
        ("token", "--role", "referrer"),
        ("token", "--role", "admin", "--ttl", "-5"),
        ("token", "--role", "admin", "--ttl", "999999"),
        ("serve", "--port", "99999"),
        ("serve", "--workers", "many"),
        ("restore", "/nonexistent/backup.file"),
        ("frobnicate",),
        (),
    ],
)
def test_a_wrong_value_is_one_line_and_status_2(tmp_path, args):
    result = corridor(corridor_env(tmp_path / "home"), *args, timeout=60)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_token_longer_than_the_maximum_lifetime_names_the_limit_and_its_setting(tmp_path):
    result = corridor(
        corridor_env(tmp_path / "home"), "token", "--role", "admin", "--ttl", "999999"
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "corridor: --ttl 999999 is longer than a token may live: at most 86400 seconds "
        "(CORRIDOR_TOKEN_MAX_LIFETIME_SECONDS)"
    ]


def test_an_invalid_setting_is_one_line_and_status_2(tmp_path):
    env = corridor_env(tmp_path / "home", CORRIDOR_LOG_FORMAT="xml")
    result = corridor(env, "migrate", timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "corridor: invalid setting CORRIDOR_LOG_FORMAT: Input should be 'auto', 'text' or 'json'"
    ]


@pytest.mark.parametrize("args", [("migrate",), ("audit", "verify"), ("serve",), ("demo",)])
def test_an_unreachable_database_is_one_line_and_status_1(tmp_path, args):
    url = f"postgresql://corridor:secret@127.0.0.1:{free_port()}/corridor"
    env = corridor_env(tmp_path / "home", CORRIDOR_DATABASE_URL=url)
    result = corridor(env, *args, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "database is unreachable" in lines[0]
    assert "secret" not in result.stderr


def test_db_start_status_stop(server_home):
    env = corridor_env(server_home / "home")
    assert corridor(env, "db", "status").returncode == 3  # not running
    try:
        started = corridor(env, "db", "start")
        assert started.returncode == 0, started.stderr
        status = corridor(env, "db", "status")
        assert status.returncode == 0
        assert "running on 127.0.0.1:" in status.stdout
    finally:
        stopped = corridor(env, "db", "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert corridor(env, "db", "status").returncode == 3
    external = corridor_env(server_home / "home", CORRIDOR_DATABASE_URL="postgresql://x@h/db")
    refused = corridor(external, "db", "stop")
    assert refused.returncode == 2 and "embedded server only" in refused.stderr
