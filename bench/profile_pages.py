"""Where the time of a page goes, in process: SQL, templates, translation, formatting, the app.

Part of ``bench/bench_pages.py`` (see bench/README.md), which calls ``profile_pages`` once
the load is over, with the same production-like settings (DEBUG off, PostgreSQL, static files
collected) and data. Each page is requested through the Django test client:

1. ``--profile-requests`` times without a profiler: the median time of a request, the SQL
   time inside it (a ``connection.execute_wrapper`` that times every query), and the time in
   ``Template.render`` of the page's template (SQL run from the template, by a queryset
   evaluated there, counted apart);
2. as many times under ``cProfile``: the functions' own time (``tottime``), summed by area
   (the template engine, the ORM and the driver, model translation's fields, gettext, dates
   and numbers, escaping, the app's code …) and the functions that take the most, in ms per
   request. cProfile slows Python code about twofold, so read its figures as shares.

Writes ``bench/results/profile.md``.
"""

import cProfile
import pstats
import statistics
import time
from contextlib import contextmanager

from common import HOST, markdown_table, report_head, versions

# (area, what a path of the profiled function's file contains); the first match wins.
AREAS = [
    ("Model translation (field descriptors, fallbacks)", "/modeltranslation/"),
    ("Translation of strings (gettext, i18n tags)", "/django/utils/translation/"),
    ("Translation of strings (gettext, i18n tags)", "/django/templatetags/i18n.py"),
    ("Translation of strings (gettext, i18n tags)", "/lib/python3.11/gettext.py"),
    ("Dates, times and numbers (formats, time zones)", "/django/utils/dateformat.py"),
    ("Dates, times and numbers (formats, time zones)", "/django/utils/formats.py"),
    ("Dates, times and numbers (formats, time zones)", "/django/utils/timezone.py"),
    ("Dates, times and numbers (formats, time zones)", "/zoneinfo/"),
    ("Escaping and lazy strings", "/django/utils/html.py"),
    ("Escaping and lazy strings", "/django/utils/safestring.py"),
    ("Escaping and lazy strings", "/django/utils/functional.py"),
    ("Template engine (nodes, variables, filters, tags)", "/django/template/"),
    ("Template engine (nodes, variables, filters, tags)", "/django/templatetags/"),
    ("ORM: building queries and model instances", "/django/db/models/"),
    ("Database driver and connection", "/django/db/backends/"),
    ("Database driver and connection", "/psycopg"),
    ("URL reversing and resolving", "/django/urls/"),
    ("Request handling and middleware", "/django/core/handlers/"),
    ("Request handling and middleware", "/django/middleware/"),
    ("Request handling and middleware", "/django/contrib/"),
    ("Request handling and middleware", "/whitenoise/"),
    ("Request handling and middleware", "/axes/"),
    ("Test client (not in a real request)", "/django/test/"),
    ("The portal's code (views, selectors, ordering, template tags)", "/meetings/"),
    ("The portal's code (views, selectors, ordering, template tags)", "/speakers/"),
    ("The portal's code (views, selectors, ordering, template tags)", "/stakeholders/"),
    ("The portal's code (views, selectors, ordering, template tags)", "/hlm_portal/"),
]
OTHER = "Other (Python's standard library, other packages)"
UNATTRIBUTED = "Built-ins whose caller is unknown"


THREAD_LOCALS = "/asgiref/"  # thread-local storage: its time goes to whoever reads it


def area_of(filename: str, name: str = "") -> str | None:
    """The area of a function; None for built-ins and ``asgiref``'s locals (see ``by_area``)."""
    if "psycopg2" in name:
        return "Database driver and connection"
    if filename.startswith(("~", "<")) or THREAD_LOCALS in filename:
        return None
    for area, part in AREAS:
        if part in filename:
            return area
    return OTHER


@contextmanager
def timed_sql(totals: dict[str, float], in_template: list[bool]):
    """Add the time of every query to ``totals`` ("sql", and "template sql" in a template)."""
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = "template sql" if in_template[0] else "sql"
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - t0
            totals["queries"] = totals.get("queries", 0) + 1

    with connection.execute_wrapper(wrapper):
        yield


@contextmanager
def timed_templates(totals: dict[str, float], in_template: list[bool]):
    """Time the outermost ``Template.render`` of the backend (the page's template)."""
    from django.template.backends.django import Template

    original = Template.render

    def render(self, *args, **kwargs):
        if in_template[0]:
            return original(self, *args, **kwargs)
        in_template[0] = True
        t0 = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            in_template[0] = False
            totals["template"] = totals.get("template", 0.0) + time.perf_counter() - t0

    Template.render = render
    try:
        yield
    finally:
        Template.render = original


def breakdown(client, path: str, requests: int) -> dict[str, float]:
    """Median ms of a request and its parts over ``requests`` requests (no profiler)."""
    from meetings.cache import GLOBAL, bump

    samples: list[dict[str, float]] = []
    for _ in range(requests):
        totals: dict[str, float] = {}
        in_template = [False]
        bump(scope=GLOBAL)  # a new version of every page: the request renders it
        with timed_sql(totals, in_template), timed_templates(totals, in_template):
            t0 = time.perf_counter()
            response = client.get(path, secure=False)
            totals["total"] = time.perf_counter() - t0
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        samples.append(totals)

    def median_ms(key: str) -> float:
        return statistics.median(s.get(key, 0.0) for s in samples) * 1000

    result = {key: median_ms(key) for key in ("total", "sql", "template", "template sql")}
    result["queries"] = statistics.median(s.get("queries", 0) for s in samples)
    result["template"] -= result["template sql"]  # the template's own work
    result["view"] = result["total"] - result["sql"] - result["template sql"] - result["template"]
    return result


def profiled(client, path: str, requests: int) -> pstats.Stats:
    from meetings.cache import GLOBAL, bump

    profiler = cProfile.Profile()
    for _ in range(requests):
        bump(scope=GLOBAL)
        profiler.enable()
        client.get(path, secure=False)
        profiler.disable()
    return pstats.Stats(profiler)


def by_area(stats: pstats.Stats, requests: int) -> list[tuple[str, float]]:
    """Own time by area, ms per request. The own time of a built-in function (``getattr``,
    ``str.join`` …) or of ``asgiref``'s thread-local storage (the active language, the
    database connections) goes to the area of the function that called it, up the calls."""
    areas: dict[str, float] = {}

    def distribute(function, seconds: float, depth: int = 0) -> None:
        area = area_of(function[0], function[2])
        callers = stats.stats[function][4] if function in stats.stats else {}
        if area is None and depth < 8 and callers:
            weights = {caller: values[2] for caller, values in callers.items()}
            total = sum(weights.values())
            if not total:  # too quick to time: by number of calls instead
                weights = {caller: values[1] for caller, values in callers.items()}
                total = sum(weights.values())
            for caller, weight in weights.items():
                distribute(caller, seconds * weight / total, depth + 1)
            return
        area = area or UNATTRIBUTED
        areas[area] = areas.get(area, 0.0) + seconds

    for function, (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        distribute(function, tottime)
    return sorted(((a, t * 1000 / requests) for a, t in areas.items()), key=lambda x: -x[1])


def short(filename: str, line: int, name: str) -> str:
    for marker in ("site-packages/", "/wt-", "/lib/python3.11/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            if marker == "/wt-":
                filename = filename.split("/", 1)[1]
            break
    return f"`{name}` ({filename}:{line})" if not filename.startswith("~") else f"`{name}`"


def top_functions(stats: pstats.Stats, requests: int, *, key: int, count: int, only=None):
    """The ``count`` functions with the most own (key 2) or cumulative (key 3) time."""
    rows = []
    for (filename, line, name), values in stats.stats.items():
        if only and not any(part in filename for part in only):
            continue
        calls = values[1]
        rows.append((values[key], values[2], values[3], calls, filename, line, name))
    rows.sort(key=lambda r: -r[0])
    return [
        [
            short(filename, line, name),
            f"{calls / requests:.0f}",
            f"{own * 1000 / requests:.2f}",
            f"{cumulative * 1000 / requests:.2f}",
        ]
        for _k, own, cumulative, calls, filename, line, name in rows[:count]
    ]


def profile_page(client, name: str, path: str, requests: int) -> list[str]:
    client.get(path, secure=False)  # templates compiled, catalogues read
    parts = breakdown(client, path, requests)
    stats = profiled(client, path, requests)
    total_profiled = sum(t for _a, t in by_area(stats, requests))
    header = ["Function", "Calls per request", "Own ms", "Cumulative ms"]
    app = ("/meetings/", "/speakers/", "/stakeholders/", "/modeltranslation/", "/templatetags/")
    return [
        f"## {name}: `{path}`",
        "",
        f"Without a profiler, median of {requests} requests in process: "
        f"**{parts['total']:.1f} ms**, {parts['queries']:.0f} SQL queries.",
        "",
        markdown_table(
            ["Part of a request (no profiler)", "ms (median)", "Share"],
            [
                [label, f"{parts[key]:.1f}", f"{parts[key] / parts['total']:.0%}"]
                for label, key in [
                    ("SQL run by the view (the queries' round trips)", "sql"),
                    ("SQL run from the template (querysets evaluated there)", "template sql"),
                    ("Template rendering, its own work", "template"),
                    ("The rest: view, context, middleware, test client", "view"),
                ]
            ],
        ),
        "",
        f"Under cProfile ({requests} requests; {total_profiled:.1f} ms a request with the "
        "profiler's overhead): own time by area, in ms per request; the time of built-in "
        "functions (`getattr`, `str.join` …) and of `asgiref`'s thread-local storage (read "
        "for the active language and the database connection) counts in the area of their "
        "caller.",
        "",
        markdown_table(
            ["Area (own time of its functions)", "ms per request", "Share"],
            [
                [area, f"{ms:.2f}", f"{ms / total_profiled:.0%}"]
                for area, ms in by_area(stats, requests)
            ],
        ),
        "",
        "Functions with the most own time:",
        "",
        markdown_table(header, top_functions(stats, requests, key=2, count=20)),
        "",
        "The portal's functions, model translation and template tags by cumulative time "
        "(what they call included):",
        "",
        markdown_table(header, top_functions(stats, requests, key=3, count=15, only=app)),
        "",
    ]


def profile_pages(pages: list[tuple[str, str]], *, requests: int, output) -> None:
    """Profile each (name, path) of ``pages`` and write the report to ``output``."""
    from django.db import connection
    from django.test import Client

    from common import publish

    client = Client(SERVER_NAME=HOST)
    lines = [
        *report_head("Where the time of a page goes (in process)", versions()),
        "- Settings: as the pages benchmark (DEBUG off, PostgreSQL on this machine, "
        "CONN_MAX_AGE as set, static files collected); the Django test client, one request "
        "at a time, after one untimed request; before each, every page gets a new version "
        "(as after a write), so each request renders its page: none is a cache hit",
        "",
    ]
    for name, path in pages:
        print(f"Profiling {path} …", flush=True)
        lines += profile_page(client, name, path, requests)
    connection.close()
    publish("\n".join(lines), output)
