"""The tools of the fuzz test (tests/test_fuzz.py): the portal's routes as Django resolves
them, its pages' links and forms as a browser reads them, hostile values, and a runner that
sends requests and keeps every server error it meets.

Nothing here names a view or a module of the portal: routes come from the URL resolver and
forms from the HTML, so a view that moves or a form that gains a field is still covered.
"""

import re
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent

# A handful of values that broke a view once; each is tried on every field of every form
# (on free text and on lists of choices, only those that matter there).
SHARP = ["abc", "²", "\x00", str(2**64), "9999-12-31", "9999-12-31T23:59", "-1", "x" * 5000]
SHARP_TEXT = ["\x00", "x" * 5000]
SHARP_CHOICE = ["abc", "²", "\x00", str(2**64), "-1"]
TEXT_KINDS = ("text", "textarea", "search", "password", "tel")
CHOICE_KINDS = ("checkbox", "radio", "select", "select-multiple")
# Drawn at random, with random text, numbers and dates, by Hypothesis.
HOSTILE = [
    *SHARP,
    "", " ", "0", "1.5", "1e400", "NaN", "١٢٣", "0x10", str(2**63), str(-(2**63) - 1), "9" * 40,
    "0000-00-00", "9999-12-31T23:59", "9999-12-31 23:59:59", "0001-01-01", "24:60", "a\x00b",
    "../../../../etc/passwd", "..\\..\\boot.ini", "%00", "+1+2", "@SUM(1)", "\t=1", "\r=1",
    "<script>alert(1)</script>", "' OR '1'='1", "🎉🎉", "中文标题", "عنوان الحدث", "Заголовок",
    "\u202eevil", "\ufeff", "true", "[]", "{}", "None", "x" * 70_000,
]  # fmt: skip

# Defaults for fields a page leaves empty, so that the other fields reach the database.
BY_TYPE = {
    "email": "fuzz@example.org",
    "url": "https://example.org/fuzz",
    "number": "1",
    "date": "2031-03-03",
    "time": "10:00",
    "datetime-local": "2031-03-03T10:00",
    "tel": "+1 212 555 0100",
    "password": "Fuzz-pass-2031!",
}
BY_NAME = {  # when a form needs one date before another
    "ends_at": "2031-03-03T11:00",
    "registration_closes_at": "2031-03-01T18:00",
}


# --- routes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # as ResolverMatch.route gives it: "delegation/lists/<int:pk>/inscribe/"
    name: str
    converters: dict = field(hash=False, compare=False)
    regex: bool = False  # a re_path(): its groups are not filled in

    @property
    def params(self) -> list[str]:
        return list(self.converters)

    def accepts(self, param: str, value: str) -> bool:
        return re.fullmatch(self.converters[param].regex, value) is not None

    def fill(self, values: dict[str, str]) -> str:
        def one(match):
            return quote(values[match["name"]], safe="")

        return "/" + re.sub(r"<(?:[^>:]+:)?(?P<name>[^>]+)>", one, self.route)


def all_routes() -> list[Route]:
    """Every URL pattern of the project, walking includes (the admin's too)."""

    def walk(patterns, prefix, namespace, converters, regex):
        for pattern in patterns:
            route = URLResolver._join_route(prefix, str(pattern.pattern))
            found = {**converters}
            plain = isinstance(pattern.pattern, RoutePattern)
            if plain:
                found.update(pattern.pattern.converters)
            if isinstance(pattern, URLResolver):
                space = namespace
                if pattern.namespace:
                    space = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route, space, found, regex or not plain)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
                yield Route(route, name, found, regex or not plain)

    return list(walk(get_resolver().url_patterns, "", None, {}, False))


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


# --- pages --------------------------------------------------------------------------------


@dataclass
class FieldSpec:
    kind: str
    values: list[str] = field(default_factory=list)  # what the page shows as set
    options: list[str] = field(default_factory=list)  # for choices
    required: bool = False

    @property
    def sharp(self) -> list[str]:
        if self.kind in TEXT_KINDS:
            return SHARP_TEXT
        return SHARP_CHOICE if self.kind in CHOICE_KINDS else SHARP

    def baseline(self, name: str) -> list[str]:
        """What a careful user would send: the page's values, or a plausible one (the first
        choice of a list a browser would send, the first box of a group none is ticked in)."""
        if self.kind in CHOICE_KINDS:
            chosen = [v for v in self.values if v or not self.required]
            if chosen or name.endswith("DELETE"):
                return chosen
            if self.kind == "select" and not self.required:
                return self.options[:1]
            return [o for o in self.options if o][:1]
        value = self.values[0] if self.values else ""
        if value:
            return [value]
        return [BY_NAME.get(name, BY_TYPE.get(self.kind, "Fuzz text"))]


@dataclass
class Form:
    page: str  # the URL the form was read on
    method: str
    action: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    submits: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name, kind, value=None, selected=False, option=True, required=False):
        spec = self.fields.setdefault(name, FieldSpec(kind, required=required))
        if value is None:
            return
        if option and kind in CHOICE_KINDS:
            spec.options.append(value)
            if selected:
                spec.values.append(value)
        else:
            spec.values.append(value)

    def baseline(self) -> dict[str, list[str]]:
        data = {name: spec.baseline(name) for name, spec in self.fields.items()}
        return {name: values for name, values in data.items() if values}

    @property
    def signature(self) -> tuple:
        return (self.method, route_of(urlsplit(self.action).path), tuple(sorted(self.fields)))


class PageParser(HTMLParser):
    """Links (href, action, data-* paths) and forms, as a browser would submit them."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.links, self.forms = url, [], []
        self.form = self.select = self.option = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        for key in ("href", "action") + tuple(k for k in a if k.startswith("data-")):
            if a.get(key, "").startswith(("/", "?")) or (key == "href" and a.get(key)):
                self.links.append(urljoin(self.url, a[key]))
        if tag == "form":
            action = urljoin(self.url, a.get("action") or self.url)
            self.form = Form(self.url, (a.get("method") or "get").lower(), action)
            return
        if self.form is None or not a.get("name") and tag != "option":
            return
        name = a.get("name")
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "submit":
                self.form.submits.append((name, a.get("value", "")))
            elif kind == "file":
                self.form.add(name, "file")
            elif kind in ("checkbox", "radio"):
                self.form.add(name, kind, a.get("value", "on"), "checked" in a)
            elif kind not in ("button", "reset", "image"):
                self.form.add(name, kind, a.get("value", ""))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            self.form.submits.append((name, a.get("value", "")))
        elif tag == "select":
            self.select = (name, "select-multiple" if "multiple" in a else "select")
            self.form.add(*self.select, required="required" in a)
        elif tag == "option" and self.select:
            self.option = [a.get("value"), "selected" in a, ""]
        elif tag == "textarea":
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data
        if self.option:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option and self.select:
            value, selected, text = self.option
            self.form.add(*self.select, value if value is not None else text.strip(), selected)
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.form:
            self.form.add(self.textarea[0], "textarea", self.textarea[1].removeprefix("\n"))
            self.textarea = None
        elif tag == "form" and self.form:
            self.forms.append(self.form)
            self.form = None


def read_page(url: str, html: str) -> PageParser:
    parser = PageParser(url)
    parser.feed(html)
    return parser


def local(url: str) -> str | None:
    """The path and query of a link within the portal, or None for another site."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_names(url: str) -> list[str]:
    return [name for name, _value in parse_qsl(urlsplit(url).query, keep_blank_values=True)]


# --- values -------------------------------------------------------------------------------


def hostile(options=()) -> st.SearchStrategy[str]:
    choices = [st.sampled_from(HOSTILE), st.text(max_size=40)]
    choices += [st.integers(-(2**70), 2**70).map(str)]
    choices += [st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)]
    if options:
        choices.append(st.sampled_from(list(options)))
    return st.one_of(choices)


def mutated(baseline: dict[str, list[str]], specs: dict[str, FieldSpec]):
    """A form as a careless or hostile user sends it: a few fields changed, dropped or repeated."""
    names = sorted(set(specs) - {"csrfmiddlewaretoken"})
    if not names:
        return st.just(({}, baseline))

    @st.composite
    def draw(draw_):
        chosen = draw_(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        data = dict(baseline)
        for name in chosen:
            options = [o for o in specs[name].options if o]
            how = draw_(st.sampled_from(["one", "one", "one", "many", "none"]))
            if how == "none":
                data.pop(name, None)
            elif how == "many":
                data[name] = draw_(st.lists(hostile(options), min_size=2, max_size=4))
            else:
                data[name] = [draw_(hostile(options))]
        return {name: data.get(name) for name in chosen}, data

    return draw()


def explore(strategy, check, *, examples: int) -> None:
    """Run ``check`` on ``examples`` values drawn by Hypothesis, the same ones every run."""

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value):
        check(value)

    run()


# --- requests -----------------------------------------------------------------------------


def _where(frames) -> str:
    """Where an error came from: the portal's last line in the traceback, the last line
    outside Django's ORM, and the line that raised."""
    ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename]
    caller = [f for f in frames if "/django/db/" not in f.filename]
    places = []
    for frame in ours[-1:] + caller[-1:] + frames[-1:]:
        place = f"{frame.filename.split('site-packages/')[-1].removeprefix(str(ROOT) + '/')}"
        place += f":{frame.lineno}"
        if place not in places:
            places.append(place)
    return " > ".join(places)


class _Undo(Exception):
    def __init__(self, response):
        self.response = response


@dataclass
class Role:
    name: str
    client: Client
    user: object = None

    def ready(self) -> None:
        """Sign in again if a request signed the user out (a form may do that)."""
        if self.user is not None and SESSION_KEY not in self.client.session:
            self.client.force_login(self.user)
        if "csrftoken" not in self.client.cookies:
            self.client.get("/accounts/login/")

    @property
    def csrf(self) -> str:
        return self.client.cookies["csrftoken"].value


class Fuzzer:
    """Sends requests, each in a savepoint, and keeps one line per distinct server error."""

    def __init__(self):
        self.failures: dict[tuple, str] = {}
        self.counts = defaultdict(int)
        self.sent = 0
        self.stages = defaultdict(lambda: [0, 0.0])  # stage -> requests, seconds
        self.stage = "crawl"
        self.routes = defaultdict(float)  # route -> seconds

    def send(self, role: Role, method: str, url: str, data=None, *, label="", undo=False):
        started = time.perf_counter()
        role.ready()
        if method == "post":
            data = {**(data or {}), "csrfmiddlewaretoken": role.csrf}
        try:
            with transaction.atomic():
                if method == "post":
                    response = role.client.post(url, data)
                else:
                    response = role.client.get(url)
                if undo or response.status_code >= 500:
                    raise _Undo(response)  # roll back to the savepoint: the next request goes on
        except _Undo as done:
            response = done.response
        self.sent += 1
        self.stages[self.stage][0] += 1
        self.stages[self.stage][1] += time.perf_counter() - started
        self.routes[route_of(urlsplit(url).path)] += time.perf_counter() - started
        if response.status_code >= 500:
            self._keep(role, method, url, label, response)
        return response

    def _keep(self, role, method, url, label, response):
        exc = response.exc_info[1] if getattr(response, "exc_info", None) else None
        where, kind, message = "", f"HTTP {response.status_code}", ""
        if exc is not None:
            kind = type(exc).__name__
            message = re.sub(r"\s+", " ", str(exc))[:140]
            where = _where(traceback.extract_tb(exc.__traceback__))
        path = urlsplit(url).path
        route = route_of(path) or path
        key = (method.upper(), route, kind, where)
        self.counts[key] += 1
        if key not in self.failures:
            shown = url if len(url) < 200 else url[:200] + "…"
            self.failures[key] = (
                f"{method.upper()} /{route} as {role.name} ({label}): {kind}: {message} "
                f"[{where}] e.g. {shown!r}"
            )

    def report(self) -> str:
        lines = [f"{self.failures[k]} ×{self.counts[k]}" for k in sorted(self.failures)]
        stages = ", ".join(f"{k}: {n} in {t:.0f} s" for k, (n, t) in self.stages.items())
        slow = sorted(self.routes.items(), key=lambda item: -item[1])[:6]
        stages += "; slowest: " + ", ".join(f"{route} {t:.0f} s" for route, t in slow)
        head = f"{len(lines)} distinct server errors in {self.sent} requests ({stages})"
        return head + ":\n" + "\n".join(lines)
