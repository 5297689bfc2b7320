"""What the benchmarks in ``bench/`` share: processes, gunicorn, the machine, the report.

The benchmarks run as scripts (``python bench/bench_pages.py``), so this module is imported as
``common`` from their folder. It imports only the standard library at the top: Django and
the project are imported inside the functions that need them, after ``setup_django()``.
"""

import http.client
import math
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
HOST = "127.0.0.1"  # the only address the benchmarks contact
DEMO_SLUG = "trafficking-in-persons-2017"  # the 2017 demo meeting (meetings/demo.py)
EXTRA_OBSERVER_CODE = "BENCH-OBS{:02d}"  # at most 12 characters (Delegation.code)
BUSY_WARNING = 0.2  # warn when other processes keep this share of the CPUs busy


# --- Processes, environment and database -------------------------------------------------------


def run(*args: str) -> None:
    """Run a command from the repository root with the benchmark's environment."""
    print("$", " ".join(args), flush=True)
    subprocess.run(args, cwd=REPO_ROOT, check=True)


def manage(*args: str) -> None:
    """Run a ``manage.py`` command (see ``run``)."""
    run(sys.executable, "manage.py", *args)


def throwaway_database_url() -> str | None:
    """Return ``HLM_DATABASE_URL`` if it names PostgreSQL; else say so and return None."""
    url = os.environ.get("HLM_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        print("HLM_DATABASE_URL must point to a throwaway PostgreSQL database.", file=sys.stderr)
        return None
    return url


def ensure_database(url: str) -> None:
    """Create the database named in ``url`` if the server does not have it yet."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        dbname="postgres",
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}")
    finally:
        connection.close()


def exit_on_sigterm() -> None:
    """Make SIGTERM end the run through the ``finally`` blocks, so servers and workers stop."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def production_environment(work_dir: Path, **overrides: str) -> dict[str, str]:
    """Return the variables of a production-like portal: DEBUG off, a new secret key, …

    Static and media files go to ``work_dir``; ``overrides`` add or replace variables.
    """
    return {
        "HLM_DEBUG": "false",
        "HLM_SECRET_KEY": "bench-" + secrets.token_hex(22),  # 50 characters, new each run
        "HLM_ALLOWED_HOSTS": HOST,
        "HLM_SECURE_SSL_REDIRECT": "false",
        "HLM_STATIC_ROOT": str(work_dir / "static"),
        "HLM_MEDIA_ROOT": str(work_dir / "media"),
        "HLM_SITE_URL": f"http://{HOST}",
        "HLM_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "hlm_portal.settings",
        **overrides,
    }


def redis_cache_url(redis_url: str | None = None) -> str:
    """Return ``HLM_CACHE_URL`` if set, else database 1 of ``redis_url`` (as in production).

    ``redis_url`` defaults to ``HLM_TEST_REDIS_URL`` (``scripts/services.sh``); "" if neither.
    """
    if os.environ.get("HLM_CACHE_URL"):
        return os.environ["HLM_CACHE_URL"]
    if redis_url is None:
        redis_url = os.environ.get("HLM_TEST_REDIS_URL", "")
    if not redis_url:
        return ""
    parts = urlsplit(redis_url)
    return f"{parts.scheme}://{parts.netloc}/1"


def setup_django() -> None:
    """Set Django up in this process, with the repository on the import path."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlm_portal.settings")
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    django.setup()


def tail(path: Path, lines: int = 30) -> str:
    """Return the last ``lines`` lines of a log file ("" if it cannot be read)."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --- gunicorn and HTTP -------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port of ``HOST`` that is free now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 30.0,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """Send one request on a new connection (gunicorn's sync workers close it anyway)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def start_gunicorn(
    *, port: int, workers: int, log_path: Path, options: Sequence[str] = ()
) -> subprocess.Popen:
    """Start ``gunicorn hlm_portal.wsgi`` on ``HOST:port``, its log to ``log_path``."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "hlm_portal.wsgi", "-w", str(workers), *options, "-b", f"{HOST}:{port}"]
    help_text = subprocess.run(
        [gunicorn, "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--no-control-socket" in help_text:
        command.append("--no-control-socket")  # else it creates ~/.gunicorn/gunicorn.ctl
    command += ["--error-logfile", str(log_path)]
    print("$", " ".join(command), flush=True)
    log = log_path.open("ab")
    try:
        return subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    finally:
        log.close()


def stop_gunicorn(process: subprocess.Popen) -> None:
    """Stop gunicorn gracefully (the requests in progress finish), killing it after 20 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    print(f"gunicorn (pid {process.pid}) stopped", flush=True)


def wait_until_up(
    port: int, process: subprocess.Popen, log_path: Path, *, path: str = "/", timeout: float = 60
) -> None:
    """Wait until GET ``path`` answers 200; raise if gunicorn exits, errs or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            status, _headers, _body = request(port, "GET", path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise RuntimeError(f"GET {path} answered {status}:\n{tail(log_path)}")
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{tail(log_path)}")


@contextmanager
def running_gunicorn(
    *,
    port: int,
    workers: int,
    log_path: Path,
    options: Sequence[str] = (),
    ready_path: str = "/",
) -> Iterator[subprocess.Popen]:
    """Start gunicorn, wait until ``ready_path`` answers, and stop it on every way out."""
    process = start_gunicorn(port=port, workers=workers, log_path=log_path, options=options)
    try:
        wait_until_up(port, process, log_path, path=ready_path)
        yield process
    finally:
        stop_gunicorn(process)


# --- The machine ---------------------------------------------------------------------------------


def proc_stat(pid: int) -> list[str] | None:
    """Return the fields of ``/proc/<pid>/stat`` from the 3rd (state) on; None if gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2 :].split()
    except (OSError, ValueError):
        return None


def proc_stats() -> dict[int, list[str]]:
    """Return ``proc_stat`` of every process, by pid (fields[1] is the parent's pid)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := proc_stat(int(entry.name))) is not None:
            stats[int(entry.name)] = fields
    return stats


def process_ticks() -> dict[int, tuple[int, int]]:
    """Return the parent and CPU time (user + system, in clock ticks) of every process, by pid."""
    return {
        pid: (int(fields[1]), int(fields[11]) + int(fields[12]))
        for pid, fields in proc_stats().items()
    }


def command_line(pid: int) -> str:
    """Return the start of a process's command line ("?" if gone)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()[:70] or "?"


def status_kib(pid: int | str, field: str) -> int | None:
    """Return a memory field of ``/proc/<pid>/status`` (``VmHWM``, ``VmRSS``) in KiB, or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def vm_hwm_kib(pid: int | str = "self") -> int | None:
    """Return a process's peak resident memory (``VmHWM``) in KiB; None if unknown."""
    return status_kib(pid, "VmHWM")


def cpu_busy(seconds: float = 2.0, *, busiest: int = 0) -> tuple[float | None, list[str]]:
    """Return how busy all CPUs were over the next ``seconds`` (0 to 1; None if unknown).

    Meant to run while the benchmark itself is idle, so that any use is someone else's. With
    ``busiest``, also return up to that many processes that used 5 % of a CPU or more.
    """

    def machine_ticks() -> tuple[int, int]:
        # First line of /proc/stat: user nice system idle iowait irq softirq steal guest …
        ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
        return ticks[3] + ticks[4], sum(ticks)

    try:
        (idle_before, total_before) = machine_ticks()
        processes_before = process_ticks() if busiest else {}
        time.sleep(seconds)
        (idle_after, total_after) = machine_ticks()
        processes_after = process_ticks() if busiest else {}
    except (OSError, ValueError, IndexError):
        return None, []
    total = total_after - total_before
    busy = 1 - (idle_after - idle_before) / total if total else None
    clock = os.sysconf("SC_CLK_TCK") * seconds
    used = sorted(
        (
            (t - processes_before.get(pid, (0, 0))[1], pid)
            for pid, (_, t) in processes_after.items()
        ),
        reverse=True,
    )
    return busy, [
        f"{delta / clock:.0%} pid {pid} {command_line(pid)}"
        for delta, pid in used[:busiest]
        if delta / clock >= 0.05
    ]


def describe_busy(busy: float | None, seconds: float = 2.0) -> str:
    """Say what ``cpu_busy`` found, for the report."""
    if busy is None:
        return "unknown"
    return f"{busy:.0%} of {os.cpu_count()} CPUs busy over {seconds:g} s"


def warn_if_busy(busy: float | None, busiest: list[str] | None = None) -> None:
    """Print a warning (and the ``busiest`` processes, if given) when the CPUs were busy."""
    if busy is None or busy <= BUSY_WARNING:
        return
    if busiest is None:
        print(f"Warning: the machine is busy ({describe_busy(busy)}).", flush=True)
        return
    print(f"Warning: the machine is busy ({describe_busy(busy)}):", flush=True)
    for line in busiest:
        print(f"  {line}", flush=True)


def other_cpu_use(seconds: float = 2.0) -> str:
    """Say how busy the CPUs were over the next ``seconds``, with the load average."""
    busy, _busiest = cpu_busy(seconds)
    if busy is None:
        return "unknown"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{describe_busy(busy, seconds)} (load average {load})"


def cpu_model() -> str:
    """Return the CPU's model name."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    """Describe the machine: CPUs, their model, the system."""
    return f"{os.cpu_count()} CPUs ({cpu_model()}), {platform.platform()}"


def versions(*packages: str) -> str:
    """Return the versions of Python, Django and ``packages`` (named as shown, e.g. "Celery")."""
    import django

    parts = [f"Python {platform.python_version()}", f"Django {django.get_version()}"]
    parts += [f"{name} {import_module(name.lower()).__version__}" for name in packages]
    return ", ".join(parts)


def postgres_version() -> str:
    """Return "PostgreSQL <server_version>" of Django's database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def postmaster_pid() -> int | None:
    """Return the pid of Django's PostgreSQL server, if it runs on this machine.

    It is the parent of the backend serving this connection; None for a remote server.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    fields = proc_stat(backend)
    return int(fields[1]) if fields else None


# --- The report ----------------------------------------------------------------------------------


def percentile_ms(seconds: Iterable[float], p: float) -> float:
    """Return the ``p``-th percentile (nearest rank) of ``seconds``, in milliseconds."""
    ordered = sorted(seconds)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1] * 1000


def markdown_table(header: Sequence[str], rows: Iterable[Sequence], align: str = "") -> str:
    """Return a Markdown table; ``align`` has an "l" or "r" a column (default: "l" then "r")."""
    align = align or "l" + "r" * (len(header) - 1)
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if a == "l" else "--:" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def report_head(title: str, software: str) -> list[str]:
    """Return the first lines of a report: the title and time, the machine, the software."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [f"# {title} ({when})", "", f"- Machine: {machine()}", f"- Software: {software}"]


def write_results(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` at once (through a temporary file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def publish(text: str, path: Path) -> None:
    """Print the report and write it to ``path``."""
    print()
    print(text)
    write_results(text, path)
    print(f"Written to {path}")


# --- Data ---------------------------------------------------------------------------------------


def level_for(rng, is_state: bool) -> int:
    """Draw a State's level of representation (observers speak as heads of delegation)."""
    from speakers.enums import Level

    if not is_state:
        return Level.HEAD_OF_DELEGATION
    return rng.choices(
        [
            Level.HEAD_OF_STATE,
            Level.HEAD_OF_GOVERNMENT,
            Level.DEPUTY_PRIME_MINISTER,
            Level.MINISTER,
            Level.VICE_MINISTER,
            Level.HEAD_OF_DELEGATION,
        ],
        weights=[10, 10, 5, 40, 15, 20],
    )[0]


def extra_observer(number: int):
    """Return (creating it if needed) synthetic observer organization ``number``."""
    from meetings.enums import DelegationKind
    from meetings.models import Delegation

    extra, _created = Delegation.objects.get_or_create(
        code=EXTRA_OBSERVER_CODE.format(number),
        defaults={
            "name": f"Benchmark Observer Organization {number:02d}",
            "kind": DelegationKind.OBSERVER_ORGANIZATION,
        },
    )
    return extra


def conn_max_age() -> str:
    """Return the CONN_MAX_AGE the settings give the processes the benchmark starts (from
    ``HLM_CONN_MAX_AGE``, else the settings' default), not the bare environment."""
    from django.conf import settings

    return str(settings.DATABASES["default"]["CONN_MAX_AGE"])
