"""A bot, a sender and the dashboard on one host don't fight over the ops port: unset, each kind
of process takes its own; a port taken anyway is one log line that names OPS_PORT."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from aiohttp import ClientSession

from bot.config import OPS_PORTS, Settings
from bot.ops.server import ProcessOps, serving_ops
from db.session import create_engine, create_session_factory


def settings(monkeypatch: pytest.MonkeyPatch, ops_port: str | None) -> Settings:
    monkeypatch.delenv("OPS_PORT", raising=False)
    if ops_port is not None:
        monkeypatch.setenv("OPS_PORT", ops_port)
    return Settings(_env_file=None)  # type: ignore[call-arg]


def test_each_kind_has_its_own_port_until_ops_port_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for unset in (None, ""):  # an empty value counts as unset
        chosen = settings(monkeypatch, unset)
        ports = [chosen.ops_port_for(kind) for kind in ("bot", "sender", "dashboard")]
        assert ports == [9108, 9109, 9110]
    assert len(set(OPS_PORTS.values())) == len(OPS_PORTS)
    for value, port in (("9200", 9200), ("9108", 9108), ("0", 0)):
        chosen = settings(monkeypatch, value)
        assert {chosen.ops_port_for(kind) for kind in ("bot", "sender", "dashboard")} == {port}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_taken_port_is_one_line_naming_ops_port(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'ops.db'}")
    first, second = (ProcessOps(engine, create_session_factory(engine)) for _ in range(2))
    port = free_port()
    with caplog.at_level(logging.ERROR, logger="bot.ops.server"):
        async with (
            serving_ops(first, "127.0.0.1", port),
            serving_ops(second, "127.0.0.1", port),
            ClientSession() as client,
            client.get(f"http://127.0.0.1:{port}/healthz") as answer,
        ):
            assert answer.status == 200  # the first process keeps its endpoints
    await engine.dispose()
    [line] = [record.getMessage() for record in caplog.records]
    assert f"health and metrics not served: 127.0.0.1:{port}" in line
    assert "give this process a free OPS_PORT" in line and "\n" not in line


def test_the_runbook_names_each_kinds_port() -> None:
    from tests.unit.test_operations_doc import DOC

    row = next(line for line in DOC.read_text().splitlines() if line.startswith("| `OPS_PORT`"))
    assert all(f"{port} for `{kind}`" in row for kind, port in OPS_PORTS.items()), row
