"""What `import aiogram` costs a process, and what deferred pydantic builds would save (issue 25).

Run from the project root, in the venv::

    python bench/aiogram_memory.py                      # the installed aiogram
    python bench/aiogram_memory.py --patched /tmp/aiog  # and a patched copy

`--patched DIR` copies the installed aiogram to DIR/aiogram and applies
docs/upstream/aiogram-defer-build.diff (needs
`patch`); each figure comes from a fresh interpreter. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATCH = ROOT / "docs/upstream/aiogram-defer-build.diff"

# Each step runs in a new interpreter and prints {"rss": MiB, "pss": MiB, "seconds": import time}.
MEASURE = """
import json, time
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
rollup = open("/proc/self/smaps_rollup").read().splitlines()[1:]
fields = dict(line.split(":", 1) for line in rollup)
print(json.dumps({{"rss": int(fields["Rss"].split()[0]) / 1024,
                  "pss": int(fields["Pss"].split()[0]) / 1024, "seconds": seconds}}))
"""
PERSON = {"id": 1, "is_bot": False, "first_name": "A"}
CHAT = {"id": 1, "type": "private"}
UPDATE = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "hallo", "chat": CHAT,
          "from": PERSON}}  # fmt: skip
STEPS = {
    "python + pydantic + aiohttp": "import pydantic, aiohttp",
    "import aiogram": "import aiogram",
    "… + one Update parsed, one SendMessage built": (
        "import aiogram\nfrom aiogram.methods import SendMessage\n"
        "from aiogram.types import Update\n"
        f"Update.model_validate({UPDATE!r})\n"
        "SendMessage(chat_id=1, text='x').model_dump(exclude_none=True)"
    ),
}


def measure(body: str, path: str | None) -> dict[str, float]:
    """One fresh interpreter running body; `path` first on sys.path when given."""
    env_path = [path] if path else []
    code = f"import sys; sys.path[:0] = {env_path!r}\n" + MEASURE.format(body=body)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def patched_copy(target: Path) -> str:
    """The installed aiogram copied to target and patched; returns the directory for sys.path."""
    import aiogram

    shutil.rmtree(target / "aiogram", ignore_errors=True)
    shutil.copytree(Path(aiogram.__file__).parent, target / "aiogram")
    subprocess.run(["patch", "-p1", "-i", str(PATCH)], cwd=target, check=True, capture_output=True)
    return str(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--patched", type=Path, help="directory for a patched copy of aiogram")
    args = parser.parse_args()
    from importlib.metadata import version

    print(f"machine: {platform.node()}, Python {platform.python_version()}, "
          f"aiogram {version('aiogram')}, pydantic {version('pydantic')}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")  # fmt: skip
    variants = {"installed": None}
    if args.patched:
        variants["deferred builds (patch)"] = patched_copy(args.patched)
    print("\n| aiogram | step | RSS MiB | PSS MiB | seconds |\n| --- | --- | ---: | ---: | ---: |")
    for name, path in variants.items():
        for step, body in STEPS.items():
            best = min((measure(body, path) for _ in range(3)), key=lambda m: m["pss"])
            print(f"| {name} | {step} | {best['rss']:.0f} | {best['pss']:.0f} | "
                  f"{best['seconds']:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
