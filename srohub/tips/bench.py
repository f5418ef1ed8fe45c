"""`srohub bench tips`: tip intake through the partner API, served by gunicorn on 127.0.0.1, on a
fresh SQLite file and on a scratch PostgreSQL database (``srohub_bench_tips`` by default, created
and dropped here).

The benchmark migrates the scratch database, creates a Winnipeg-sized program with a Crime
Stoppers partner and its API token (``bench_setup.py``, in a child process), starts gunicorn with
the production configuration (``gunicorn.conf.py``) on a free port, and runs two phases against it
with 20 client threads (70 % of tips with a school id, 20 % with the school as text, 10 % with
nothing to match; one in 25 a retry of an earlier reference):

- ``paced``: the clients offer ``--rate`` tips per second between them (200 by default), each on a
  fixed schedule; latency counts from the scheduled send time, so a server that falls behind is
  charged for the queue it builds (no coordinated omission);
- ``saturation``: each client posts its next tip as soon as the last one is answered.

Reported per phase: throughput, p50/p99 latency, errors, then the database is counted: every
distinct reference stored exactly once, every tip routed with one first notification step. The
CPU time the server, PostgreSQL and the load generator used per tip is measured from /proc, so the
figures can be read on a machine shared with other work; ``capacity_2_cores`` is 2,000 ms divided
by the server's and the database's CPU milliseconds per tip.
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


def add_arguments(parser) -> None:
    parser.add_argument("--seconds", type=float, default=20.0, help="Duration of each phase (default 20).")
    parser.add_argument("--tips", type=int, default=0, help="Stop a phase after this many requests (0: time only).")
    parser.add_argument("--rate", type=float, default=200.0, help="Tips per second offered in the paced phase.")
    parser.add_argument("--phases", default="paced,saturation")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: gunicorn.conf.py's).")
    parser.add_argument("--pg-database", default="srohub_bench_tips")


def bench_tips(options: dict) -> list[dict]:
    """Tip intake through the partner API under gunicorn, 20 clients, SQLite and PostgreSQL."""
    rows = []
    for backend in _names(options.get("backends") or "sqlite,postgres"):
        with _scratch_database(backend, options.get("pg_database") or "srohub_bench_tips") as env:
            rows.extend(_run(backend, env, options))
    return rows


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _run(backend: str, env: dict, options: dict) -> list[dict]:
    _child(env, "manage.py", "migrate", "--no-input", "-v", "0")
    world = json.loads(_child(env, "-m", "srohub.tips.bench_setup", "prepare"))
    clients = options.get("clients") or 20
    rows = []
    with _gunicorn(env, _free_port(), options.get("workers") or 0) as server:
        # Unmeasured: every server worker opens its database connection and warms its caches.
        _load(server.port, world, phase="warm-up", clients=clients, rate=0.0, seconds=3.0, limit=clients * 5)
        for phase in _names(options.get("phases") or "paced,saturation"):
            rate = (options.get("rate") or 200.0) if phase == "paced" else 0.0
            if phase not in ("paced", "saturation"):
                raise ValueError(f"unknown phase {phase!r}: use paced or saturation")
            cpu = _CpuMeter(server.pid, env.get("DATABASE_URL", "").rsplit("/", 1)[-1])
            load = _load(
                server.port,
                world,
                phase=phase,
                clients=clients,
                rate=rate,
                seconds=options.get("seconds") or 20.0,
                limit=options.get("tips") or 0,
            )
            rows.append({"backend": backend, "phase": phase, "clients": clients, **_figures(load, cpu.used())})
    for row in rows:
        prefix = row["phase"][0].upper()
        stored = json.loads(_child(env, "-m", "srohub.tips.bench_setup", "count", str(world["partner"]), prefix))
        row.update(_proof(row.pop("_references"), stored))
    return rows


def _figures(load: dict, cpu: dict) -> dict:
    latencies, done = load["latencies"], max(1, len(load["latencies"]))
    server_ms, db_ms = cpu["server"] * 1000 / done, cpu["database"] * 1000 / done
    return {
        "offered_per_s": load["rate"] or "max",
        "requests": len(latencies),
        "seconds": round(load["elapsed"], 2),
        "tips_per_s": round(len(latencies) / load["elapsed"], 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "errors": load["errors"],
        # CPU per tip: figures that other work on a shared machine barely moves.
        "server_cpu_ms": round(server_ms, 2),
        "db_cpu_ms": round(db_ms, 2),
        "client_cpu_ms": round(cpu["client"] * 1000 / done, 2),
        "capacity_2_cores": round(2000 / max(0.01, server_ms + db_ms)),
        "load_avg": load["load_avg"],
        "_references": load["references"],
    }


def _proof(references: set, stored: dict) -> dict:
    """Every reference the server answered 200/201 for is stored once, routed, with one first step."""
    return {
        "references": len(references),
        "stored": stored["tips"],
        "lost": len(references) - stored["references"],
        "duplicated": stored["tips"] - stored["references"],
        "routed": stored["routed"],
        "one_first_step": stored["with_one_first_step"],
        "to_officer": stored["to_officer"],
        "to_triage": stored["to_triage"],
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


class _CpuMeter:
    """CPU seconds used since creation by the gunicorn tree, the PostgreSQL backends serving
    ``database`` (their process title names it) and this process (the load generator)."""

    def __init__(self, server_pid: int, database: str):
        self.server_pid, self.database = server_pid, database
        self.start = self._now()

    def used(self) -> dict:
        now = self._now()
        return {key: now[key] - self.start[key] for key in now}

    def _now(self) -> dict:
        ticks = os.sysconf("SC_CLK_TCK")
        server = database = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes() if self.database else b""
            except OSError:
                continue  # the process ended meanwhile
            cpu = int(fields[11]) + int(fields[12])  # utime, stime (fields[1] is the parent's pid)
            if stat.parent.name == str(self.server_pid) or fields[1] == str(self.server_pid):
                server += cpu
            elif cmdline.startswith(b"postgres:") and f" {self.database} ".encode() in cmdline:
                database += cpu
        return {"server": server / ticks, "database": database / ticks, "client": time.process_time()}


@contextmanager
def _gunicorn(env: dict, port: int, workers: int):
    """gunicorn serving the app with the production configuration (``gunicorn.conf.py``); ``workers``
    other than 0 overrides its number of workers."""
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        *(["--workers", str(workers)] if workers else []),
        "srohub.wsgi:application",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server.port = port
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


def _load(port: int, world: dict, *, phase: str, clients: int, rate: float, seconds: float, limit: int) -> dict:
    """Run the clients; ``rate`` > 0 paces them (rate / clients tips per second each)."""
    state = {"latencies": [], "errors": 0, "references": set(), "issued": 0, "lock": threading.Lock()}
    started = time.perf_counter()
    plan = {
        "phase": phase[0].upper(),
        "deadline": started + seconds,
        "limit": limit,
        "interval": clients / rate if rate else 0.0,
        "start": started,
        "clients": clients,
    }
    threads = [threading.Thread(target=_client, args=(port, world, state, plan, n)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load_avg = round(os.getloadavg()[0], 1)
    return {**state, "elapsed": time.perf_counter() - started, "rate": rate, "load_avg": load_avg}


def _client(port: int, world: dict, state: dict, plan: dict, number: int) -> None:
    rng = random.Random(f"{plan['phase']}{number}")
    partner = _PartnerClient(port, world["token"])
    mine: list[str] = []
    # Paced clients start spread over one interval, so the offered load is even, not in bursts.
    scheduled = plan["start"] + plan["interval"] * number / plan["clients"]
    while True:
        if plan["interval"]:
            time.sleep(max(0.0, scheduled - time.perf_counter()))
        if time.perf_counter() >= plan["deadline"] or not _take_one(state, plan["limit"]):
            return
        reference = rng.choice(mine) if mine and rng.random() < 0.04 else f"{plan['phase']}{number}-{len(mine)}"
        mine.append(reference)
        body = json.dumps(_payload(rng, world["schools"], reference)).encode()
        began = scheduled if plan["interval"] else time.perf_counter()
        status = partner.post(body)
        elapsed = time.perf_counter() - began
        scheduled += plan["interval"]
        with state["lock"]:
            state["latencies"].append(elapsed)
            state["errors"] += status not in (200, 201)
            if status in (200, 201):
                state["references"].add(reference)


def _take_one(state: dict, limit: int) -> bool:
    with state["lock"]:
        if limit and state["issued"] >= limit:
            return False
        state["issued"] += 1
        return True


class _PartnerClient:
    """A partner's HTTP/1.1 client, as lean as it can be: the load generator shares the two cores
    with the server and the database, so every millisecond it spends is one they lose
    (``http.client`` cost 0.5 ms per tip, mostly parsing response headers; this ~0.2 ms).
    Answers the status code, 0 on a network error.

    One connection per tip, as a reverse proxy opens to a sync worker, and the client's side is
    shut once the request is sent (``Connection: close``, nothing more will come). gunicorn's sync
    worker closes gracefully (RFC 9112 §9.6): after the response it waits for the client to close
    before it takes the next connection. A proxy in front, event-driven, closes at once; a thread of
    this Python load generator, waiting for the CPU and the GIL, closed late and held the worker:
    5.7 % of a worker's time in a paced run (py-spy of a worker), 0.2 % with the early shutdown,
    which closes as promptly as the proxy does."""

    def __init__(self, port: int, token: str):
        self.port = port
        self.head = (
            "POST /api/v1/tips/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Connection: close\r\nAuthorization: Token {token}\r\nContent-Length: "
        ).encode()

    def post(self, body: bytes) -> int:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.sendall(self.head + str(len(body)).encode() + b"\r\n\r\n" + body)
                sock.shutdown(socket.SHUT_WR)
                return _read_status(sock)
        except OSError:
            return 0


def _read_status(sock) -> int:
    data = b""
    while b"\r\n\r\n" not in data:
        data += _receive(sock)
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(b":") for line in lines[1:])}
    length = int(fields.get(b"content-length", b"0"))
    while len(rest) < length:
        rest += _receive(sock)
    return status


def _receive(sock) -> bytes:
    chunk = sock.recv(65536)
    if not chunk:
        raise OSError("the server closed the connection")
    return chunk


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
        print(json.dumps(row) if options["json"] else "  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
