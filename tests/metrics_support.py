"""Read what a Prometheus scrape of /metrics would see."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from bot.ops.server import OpsTarget, build_ops_app


def value(body: str, name: str, **labels: str) -> float | None:
    """The sample `name` with exactly these labels (None when absent)."""
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return None


async def scrape(target: OpsTarget, path: str = "/metrics") -> tuple[int, str]:
    """Status and body of one GET on the ops endpoints."""
    async with TestClient(TestServer(build_ops_app(target))) as client:
        response = await client.get(path)
        return response.status, await response.text()
