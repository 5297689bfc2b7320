"""A real Celery worker for the mailing benchmark, its CPU time and its memory over the run.

Part of ``bench/bench_mailing.py`` (see bench/README.md); imported as ``mailing_worker``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from common import (
    REPO_ROOT,
    proc_stats,
    status_kib,
    tail,
    vm_hwm_kib,
)


def process_tree(root: int) -> list[int]:
    """Return ``root`` and its descendants' pids."""
    parents = {pid: int(fields[1]) for pid, fields in proc_stats().items()}
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def peak_rss_mib(pid: int) -> float:
    return (vm_hwm_kib(pid) or 0) / 1024


class Worker:
    """One ``celery worker`` process (and its pool's children), stopped on every exit path."""

    def __init__(self, *, pool: str, concurrency: int, log_path: Path, number: int):
        self.name = f"bench-mailing-{number}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "celery", "-A", "hlm_portal", "worker", f"--pool={pool}",
            "--loglevel=WARNING", "--without-gossip", "--without-mingle",
            f"--hostname={self.name}@%h",
        ]  # fmt: skip
        if pool != "solo":
            command.append(f"--concurrency={concurrency}")
        print("$", " ".join(command), flush=True)
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so the pool can be killed too
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        from hlm_portal.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The Celery worker died at start:\n{tail(self.log_path)}")
            replies = app.control.ping(timeout=0.5) or []
            if any(self.name in key for reply in replies for key in reply):
                return
        raise RuntimeError(f"The Celery worker did not answer within {timeout:.0f} s")

    def peak_rss_mib(self) -> float:
        """Return the largest peak RSS (MiB) of the worker's processes."""
        return max((peak_rss_mib(pid) for pid in process_tree(self.process.pid)), default=0.0)

    def rss_mib(self) -> float:
        """Return the resident memory (``VmRSS``, MiB) of the worker's processes, summed."""
        pids = process_tree(self.process.pid)
        return sum(status_kib(pid, "VmRSS") or 0 for pid in pids) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # warm shutdown: finishes the task under way
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # any pool process left behind
        except ProcessLookupError:
            pass
        if self.process.poll() is None:
            self.process.wait(timeout=10)
        print(f"Celery worker (pid {self.process.pid}) stopped", flush=True)
