"""CPU seconds by group of processes (a server and its workers, PostgreSQL, the rest), from /proc.

Used by the rush and the mailing benchmarks to say who used the CPUs during a measure.
"""

import os
import time
from pathlib import Path

from common import proc_stats

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def proc_times() -> dict[int, tuple[int, float, float]]:
    """Return ``{pid: (ppid, own CPU s, reaped children's CPU s)}`` of every process."""
    return {
        pid: (
            int(fields[1]),
            (int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
            (int(fields[13]) + int(fields[14])) / CLOCK_TICKS,
        )
        for pid, fields in proc_stats().items()
    }


def cpu_snapshot(groups: dict[str, list[int]], *, own: str) -> dict[str, float]:
    """CPU seconds used so far by each group: its roots, their live and reaped descendants.

    ``groups`` maps a name to root pids; ``own`` names this process alone (its threads, not
    its children: a server or worker it started is a group of its own). "machine" is the
    whole machine's busy time, which ``cpu_delta`` turns into "other".
    """
    totals = {own: time.process_time()}
    try:
        stats = proc_times()
        # First line of /proc/stat: user nice system idle iowait irq softirq steal guest …
        ticks = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    except (OSError, ValueError, IndexError):
        return totals
    totals["machine"] = (sum(ticks) - ticks[3] - ticks[4]) / CLOCK_TICKS
    children: dict[int, list[int]] = {}
    for pid, (ppid, _own, _reaped) in stats.items():
        children.setdefault(ppid, []).append(pid)
    for name, roots in groups.items():
        total, todo, seen = 0.0, [r for r in roots if r in stats], set()
        for root in todo:
            total += stats[root][2]  # children that exited (e.g. PostgreSQL backends)
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += stats[pid][1]
            todo.extend(children.get(pid, []))
        totals[name] = total
    return totals


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Return the CPU seconds of each group between two snapshots.

    "other" is the rest of the machine: other programs, the kernel's network work.
    """
    delta = {name: after[name] - before[name] for name in after if name in before}
    machine = delta.pop("machine", None)
    if machine is not None:
        delta["other"] = max(0.0, machine - sum(delta.values()))
    return delta
