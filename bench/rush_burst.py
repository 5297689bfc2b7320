"""The requests of the rush benchmark: one burst released together, its rounds, CPU by group.

Part of ``bench/bench_rush.py`` (see bench/README.md); imported as ``rush_burst``.
"""

import http.client
import threading
import time
from dataclasses import dataclass, field

from common import (
    HOST,
    percentile_ms,
)
from cpu_groups import cpu_delta, cpu_snapshot
from rush_clients import Client, form_body

# Group name -> root pids (their descendants count too), set by bench_rush.main().
CPU_GROUPS: dict[str, list[int]] = {}


@dataclass
class Sample:
    client: int  # index in the list of clients
    second: bool  # the second request of a double click
    started: float  # perf_counter() when the request was sent
    ended: float  # perf_counter() when the whole response was read
    status: int  # 0 for a connection error
    location: str = ""
    error: str = ""

    @property
    def latency(self) -> float:
        return self.ended - self.started


@dataclass
class Burst:
    """The requests of one rush (or of one /healthz burst), released together."""

    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0  # from the release to the last response
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by process group

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0

    def percentile_ms(self, p: float) -> float:
        """Return the ``p``-th percentile latency (nearest rank) in milliseconds."""
        return percentile_ms((s.latency for s in self.samples if s.status), p)

    def errors(self, expected: int) -> list[Sample]:
        return [s for s in self.samples if s.status != expected]


@dataclass
class Round:
    number: int
    list_pk: int
    rush: Burst
    healthz: Burst
    checks: dict[str, object] = field(default_factory=dict)
    ok: bool = True

    @property
    def inscriptions_per_second(self) -> float:
        count = self.checks.get("inscriptions", 0)
        return count / self.rush.wall if self.rush.wall else 0.0


def burst(
    port: int,
    clients: list[Client],
    *,
    method: str,
    path: str,
    with_session: bool,
    release_at: float | None = None,
    timeout: float,
) -> Burst:
    """Start one thread per client, release them together, each sending its request(s).

    A client with ``double_click`` sends the same request a second time on a second
    connection right after the first, before the first answer arrives. ``release_at`` is a
    ``time.time()`` to wait for before the release (the opening of the list).
    """
    go = threading.Event()
    lock = threading.Lock()
    result = Burst()
    bodies = [form_body(c) if method == "POST" else None for c in clients]

    def send(index: int) -> None:
        client = clients[index]
        headers = {}
        if with_session:
            headers["Cookie"] = client.cookie_header()
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        go.wait()
        pending = []
        for second in [False, True] if client.double_click else [False]:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            sample = Sample(index, second, started, started, 0)
            try:
                connection.request(method, path, body=bodies[index], headers=headers)
            except (OSError, http.client.HTTPException) as error:
                sample.ended, sample.error = time.perf_counter(), repr(error)
                connection.close()
                connection = None
            pending.append((sample, connection))
        samples = []
        for sample, connection in pending:
            if connection is not None:
                try:
                    response = connection.getresponse()
                    response.read()
                    sample.status = response.status
                    sample.location = response.headers.get("Location", "")
                except (OSError, http.client.HTTPException) as error:
                    sample.error = repr(error)
                finally:
                    sample.ended = time.perf_counter()
                    connection.close()
            samples.append(sample)
        with lock:
            result.samples.extend(samples)

    threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    if release_at is not None:
        time.sleep(max(0.0, release_at - time.time()))
    cpu_before = cpu_snapshot(CPU_GROUPS, own="clients")
    released = time.perf_counter()
    go.set()
    deadline = time.monotonic() + 2 * timeout + 10  # each thread sends at most 2 requests
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("Client threads still running after their time-out")
    result.wall = max((s.ended for s in result.samples), default=released) - released
    result.cpu = cpu_delta(cpu_before, cpu_snapshot(CPU_GROUPS, own="clients"))
    result.samples.sort(key=lambda s: s.started)
    return result
