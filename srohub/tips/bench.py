"""`srohub bench tips [--seconds N] [--tips N] [--clients 20] [--backends sqlite,postgres]`:
tip intake through the partner API, served by gunicorn on 127.0.0.1, on a fresh SQLite file and on
a scratch PostgreSQL database (``helper_tips_bench`` by default, created and dropped here).

Twenty client threads POST tips with the partner's token (70 % with a school id, 20 % with the
school as text, 10 % with nothing to match; one in 25 a retry of an earlier reference) until the
time or tip budget is spent. Reported: throughput, p50/p99 latency, errors; then the database is
counted: every distinct reference stored exactly once and every tip routed with one first
notification step. Until the core ``srohub bench`` command exists: ``python -m srohub.tips.bench``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from srohub.tips.rules import percentile

PYTHON = sys.executable
ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
KEYS = (
    "backend",
    "clients",
    "requests",
    "seconds",
    "tips_per_second",
    "p50_ms",
    "p99_ms",
    "errors",
    "references",
    "stored",
    "routed",
    "with_one_first_step",
    "lost",
    "duplicated",
)


def add_arguments(parser) -> None:
    parser.add_argument("--seconds", type=float, default=20.0, help="Load duration per backend (default 20).")
    parser.add_argument("--tips", type=int, default=0, help="Stop after this many requests (0: time only).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
    parser.add_argument("--threads", type=int, default=8, help="gunicorn threads per worker.")
    parser.add_argument("--pg-database", default="helper_tips_bench")


def bench_tips(options: dict) -> list[dict]:
    """One row of figures per database backend."""
    rows = []
    for backend in (options.get("backends") or "sqlite,postgres").split(","):
        with _scratch_database(backend.strip(), options.get("pg_database") or "helper_tips_bench") as env:
            rows.append(_run(backend.strip(), env, options))
    return rows


def _run(backend: str, env: dict, options: dict) -> dict:
    _child(env, "manage.py", "migrate", "--no-input", "-v", "0")
    world = json.loads(_child(env, "-m", "srohub.tips.bench_setup", "prepare"))
    port = _free_port()
    with _gunicorn(env, port, options.get("workers") or 2, options.get("threads") or 8) as server:
        cpu_before = _cpu_seconds(server.pid)
        load = _load(
            port,
            world,
            clients=options.get("clients") or 20,
            seconds=options.get("seconds") or 20.0,
            limit=options.get("tips") or 0,
        )
        server_cpu = _cpu_seconds(server.pid) - cpu_before
    stored = json.loads(_child(env, "-m", "srohub.tips.bench_setup", "count", str(world["partner"])))
    latencies = load["latencies"]
    return {
        "backend": backend,
        "clients": options.get("clients") or 20,
        "requests": len(latencies),
        "seconds": round(load["elapsed"], 2),
        "tips_per_second": round(len(latencies) / load["elapsed"], 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "errors": load["errors"],
        "references": len(load["references"]),
        "stored": stored["tips"],
        "routed": stored["routed"],
        "with_one_first_step": stored["with_one_first_step"],
        "lost": len(load["references"]) - stored["references"],
        "duplicated": stored["tips"] - stored["references"],
        "to_officer": stored["to_officer"],
        "to_triage": stored["to_triage"],
        # The server's own CPU time per request: a figure that other load on the machine barely moves.
        "server_cpu_ms_per_tip": round(server_cpu * 1000 / max(1, len(latencies)), 1),
    }


# ---------------------------------------------------------------- the database and the server


def _base_env(var_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SROHUB_") and k != "DATABASE_URL"}
    env.update(
        {
            "SROHUB_MODE": "production",
            "SROHUB_SECRET_KEY": secrets.token_urlsafe(64),
            "SROHUB_ALLOWED_HOSTS": "127.0.0.1",
            "SROHUB_SSL_REDIRECT": "false",
            "SROHUB_VAR_DIR": var_dir,
            "SROHUB_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_SETTINGS_MODULE": "srohub.settings",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


@contextmanager
def _scratch_database(backend: str, pg_database: str):
    with tempfile.TemporaryDirectory(prefix="tips-bench-") as var_dir:
        env = _base_env(var_dir)
        if backend == "sqlite":
            env["SROHUB_SQLITE_PATH"] = str(Path(var_dir) / "bench.sqlite3")
            yield env
            return
        if backend != "postgres":
            raise ValueError(f"unknown backend {backend!r}: use sqlite or postgres")
        _pg_admin(f'DROP DATABASE IF EXISTS "{pg_database}"', f'CREATE DATABASE "{pg_database}"')
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + pg_database
        try:
            yield env
        finally:
            _pg_admin(f'DROP DATABASE IF EXISTS "{pg_database}" WITH (FORCE)')


def _pg_admin(*statements: str) -> None:
    import psycopg  # noqa: PLC0415 - only the PostgreSQL run needs it

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _child(env: dict, *args: str) -> str:
    command = [PYTHON, *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


@contextmanager
def _gunicorn(env: dict, port: int, workers: int, threads: int):
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "srohub.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_healthy(port, server)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_healthy(port: int, server, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.stderr.read().decode()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy")


# ---------------------------------------------------------------- the load


def _load(port: int, world: dict, *, clients: int, seconds: float, limit: int) -> dict:
    state = {"latencies": [], "errors": 0, "references": set(), "issued": 0, "lock": threading.Lock()}
    deadline = time.monotonic() + seconds
    started = time.perf_counter()
    workers = [
        threading.Thread(target=_client, args=(port, world, state, deadline, limit, n))
        for n in range(clients)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {**state, "elapsed": time.perf_counter() - started}


def _client(port: int, world: dict, state: dict, deadline: float, limit: int, number: int) -> None:
    rng = random.Random(number)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {world['token']}", "Content-Type": "application/json"}
    mine: list[str] = []
    while time.monotonic() < deadline:
        with state["lock"]:
            if limit and state["issued"] >= limit:
                return
            state["issued"] += 1
        reference = rng.choice(mine) if mine and rng.random() < 0.04 else f"C{number}-{len(mine)}"
        mine.append(reference)
        body = json.dumps(_payload(rng, world["schools"], reference))
        began = time.perf_counter()
        status = _post(connection, port, body, headers)
        elapsed = time.perf_counter() - began
        with state["lock"]:
            state["latencies"].append(elapsed)
            state["errors"] += status not in (200, 201)
            if status in (200, 201):
                state["references"].add(reference)


def _post(connection, port: int, body: str, headers: dict) -> int:
    try:
        connection.request("POST", "/api/v1/tips/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        connection.close()
        return 0


def _payload(rng: random.Random, schools: list, reference: str) -> dict:
    school_id, name = rng.choice(schools)
    roll = rng.random()
    payload = {
        "category": rng.choice(["drugs", "bullying", "weapon", "online"]),
        "life_safety": roll < 0.1,
        "received_at": datetime.now(UTC).isoformat(),
        "reference": reference,
        "narrative": "Bench tip: " + "x" * rng.randint(50, 600),
    }
    if roll < 0.7:
        payload["school"] = school_id
    elif roll < 0.9:
        payload["school_text"] = name.lower()
    else:
        payload["school_text"] = "the school near the arena"
    return payload


BENCHMARKS = {"tips": bench_tips}
ARGUMENTS = {"tips": add_arguments}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m srohub.tips.bench")
    add_arguments(parser)
    parser.add_argument("--json", action="store_true")
    options = vars(parser.parse_args(argv))
    for row in bench_tips(options):
        print(json.dumps(row) if options["json"] else "  ".join(f"{k}={row[k]}" for k in row))


if __name__ == "__main__":
    main()
