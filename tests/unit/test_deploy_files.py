"""The deployment files hold together (no `docker compose` here to run `config`)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BOT_SERVICES = ("db-upgrade", "webhook-1", "webhook-2", "sender", "dashboard")


def compose() -> dict[str, dict[str, object]]:
    services: dict[str, dict[str, object]] = yaml.safe_load(
        (ROOT / "compose.yaml").read_text(encoding="utf-8")
    )["services"]
    return services


def test_compose_has_the_pieces_and_starts_them_in_order() -> None:
    services = compose()
    assert set(services) >= {"postgres", "redis", "caddy", "libretranslate", *BOT_SERVICES}
    commands = {name: services[name]["command"] for name in BOT_SERVICES}
    assert commands == {
        "db-upgrade": ["db", "upgrade"], "webhook-1": ["run", "--webhook"],
        "webhook-2": ["run", "--webhook"], "sender": ["sender"], "dashboard": ["dashboard"],
    }  # fmt: skip
    assert services["db-upgrade"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("webhook-1", "webhook-2", "sender", "dashboard"):
        needs = services[name]["depends_on"]
        assert needs["db-upgrade"] == {"condition": "service_completed_successfully"}  # type: ignore[index]
        assert services[name]["stop_grace_period"] == "15s"
        assert "deploy/stadtstimme.env" in services[name]["env_file"]  # type: ignore[operator]
    assert services["libretranslate"]["profiles"] == ["translate"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]  # type: ignore[operator]
    caddyfile = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text(encoding="utf-8")
    assert "webhook-1:8443 webhook-2:8443" in caddyfile and "health_uri /readyz" in caddyfile
    assert "reverse_proxy dashboard:8081" in caddyfile
    assert services["dashboard"]["environment"]["DASHBOARD_HOST"] == "0.0.0.0"  # type: ignore[index]
    for example in ("stadtstimme.env.example", "postgres.env.example"):
        assert (ROOT / "deploy" / example).is_file()


def test_dockerfile_is_slim_locked_non_root_and_health_checked() -> None:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    instructions = [line for line in lines if line and not line.startswith(("#", " "))]
    assert instructions[0].startswith("FROM python:3.11-slim-")
    assert any("--require-hashes" in line and "requirements.lock" in line for line in lines)
    users = [line for line in instructions if line.startswith("USER ")]
    assert users == ["USER stadtstimme"]
    assert any(line.startswith("HEALTHCHECK") for line in instructions)
    assert any("/healthz" in line for line in lines)
    assert 'ENTRYPOINT ["tini", "--", "stadtstimme"]' in instructions
