"""No input gives a server error: every page, form and URL with an id, as an attacker or a
careless user would fill them, as the public, a delegation's focal point and staff.

The test reads the routes from Django's URL resolver and the forms from the pages themselves
(see tests/fuzzing.py), on the demo data with every deadline ahead so that forms accept input.
Hypothesis draws the values with a fixed seed and budget: the same requests every run. The
same test runs on PostgreSQL here and on SQLite in a second process, both at once.
"""

import logging
import os
import subprocess
import sys
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import pytest
from hypothesis import strategies as st

from meetings.enums import SilenceOutcome
from meetings.models import Delegation, Meeting, Participant, ResolutionDraft, SideEvent
from speakers.models import SpeakersList
from stakeholders.enums import ApplicationStatus
from stakeholders.models import Application, CivilSocietyProcess
from stakeholders.services import applications, proposed_lists
from tests.fuzzing import (
    ROOT,
    SHARP,
    Form,
    Fuzzer,
    Role,
    all_routes,
    explore,
    hostile,
    local,
    mutated,
    query_names,
    read_page,
    route_of,
)
from tests.meetings.factories import FocalPointFactory, UserFactory
from tests.stakeholders.factories import ApplicationFactory

# The budget. Hypothesis draws this many examples per form, per page's query parameters and
# per URL pattern (per role), on top of one request per SHARP value and field or parameter.
# The staff admin's pages are many and alike (Django's own views): fewer each, all fields at once.
PORTAL = {"pages": 2, "form": 12, "query": 5, "path": 6, "sharp": SHARP}
ADMIN = {"pages": 1, "form": 2, "query": 1, "path": 2, "sharp": SHARP[:3]}
# Endpoints that pages call from a script, with the fields the script sends.
SCRIPTED = {
    "speakers:rostrum_act": {
        "action": ["start", "heard", "absent_end", "absent_next"],
        "shown": ["1"],
    }
}


def _budget(route: str) -> dict:
    return ADMIN if route.startswith("admin/") else PORTAL


def _never(route: str) -> bool:
    return "logout" in route  # signing out would end the run for that role


@pytest.fixture
def open_demo(demo_lists, staff_user):
    """The demo data with every list, draft, side event and procedure open for input."""
    from stakeholders.demo import load_demo_civil_society

    cache.clear()  # rate limits counted by earlier tests would change what the pages answer
    process = load_demo_civil_society(
        meeting=Meeting.objects.get(slug="trafficking-in-persons-2017")
    )
    now = timezone.now()
    soon, later = now - timedelta(days=1), now + timedelta(days=30)
    SpeakersList.objects.update(opens_at=soon, closes_at=later, finalized_at=None)
    ResolutionDraft.objects.filter(paragraphs__isnull=False).update(
        input_deadline=later, silence_deadline=later, silence_outcome=SilenceOutcome.UNDER_SILENCE
    )
    SideEvent.objects.update(registration_closes_at=later)
    CivilSocietyProcess.objects.update(opens_at=soon, closes_at=later)
    belarus = Delegation.objects.get(code="BLR")  # organizes a side event, speaks on a panel
    focal_point = FocalPointFactory(delegation=belarus, user=UserFactory(username="fp-blr"))
    ApplicationFactory.create_batch(2, process=process, status=ApplicationStatus.SHORTLISTED)
    proposed = proposed_lists.build_proposed_list(process=process)
    proposed_lists.submit_to_member_states(proposed_list=proposed, deadline=later)
    proposed_lists.lodge_objection(
        entry=proposed.entries.first(), delegation=belarus, basis="Fuzz", actor=focal_point.user
    )
    return {"staff": staff_user, "delegate": focal_point.user}


@pytest.fixture(scope="module")
def sqlite_run(tmp_path_factory):
    """The SQLite run, started before the PostgreSQL one so that both use a core each."""
    if os.environ.get("HLM_FUZZ_DATABASE"):  # this is the SQLite run
        yield None
        return
    folder = tmp_path_factory.mktemp("fuzz-sqlite")
    env = {k: v for k, v in os.environ.items() if k != "HLM_REQUIRE_SERVICES"}
    env.update(HLM_DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", HLM_FUZZ_DATABASE="sqlite")
    log = folder / "output.txt"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
             f"{__file__}::test_no_server_error_on_any_input"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    yield process, log
    if process.poll() is None:
        process.kill()
        process.wait()


def _client() -> Client:
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def _seeds(users) -> list[str]:
    """Where the crawl starts: the home pages, and the private links sent by e-mail."""
    from meetings import letters

    names = ("meetings:list", "admin:index", "login", "password_reset", "password_change")
    seeds = [reverse(name) for name in names]
    seeds += [route.fill({}) for route in all_routes() if not route.params and not route.regex]
    for application in Application.objects.order_by("pk")[:3]:
        seeds += [applications.status_url(application)]
        seeds += [applications.confirmation_url(application)]
    for participant in Participant.objects.order_by("pk")[:2]:
        seeds.append(reverse("meetings:invitation", args=[letters.response_token(participant)]))
    user = users["delegate"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    seeds.append(reverse("password_reset_confirm", args=[uid, token]))
    return [local(url) for url in seeds]


def _crawl(fuzzer, role, seeds, protected):
    """Follow the links a role sees. Return the URLs read (with their route's parameters),
    the forms met, and per route a page and the names of its query parameters."""
    queue, seen, per_route, reached, forms, queries = list(seeds), set(), {}, [], {}, {}
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        route = route_of(path)
        if url in seen or route is None or _never(route) or any(p in path for p in protected):
            continue
        seen.add(url)
        if per_route.get(route, 0) >= _budget(route)["pages"]:
            continue
        per_route[route] = per_route.get(route, 0) + 1
        response = fuzzer.send(role, "get", url, label="link")
        reached.append(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = read_page(url, response.content.decode())
        for link in filter(None, map(local, page.links)):
            queue.append(link)
            if names := query_names(link):
                queries.setdefault(route_of(urlsplit(link).path), (link, set()))[1].update(names)
        for form in page.forms:
            action = local(form.action)
            if form.method == "get" and form.fields:
                queries.setdefault(route_of(urlsplit(action).path), (action, set()))[1].update(
                    form.fields
                )
            elif form.method == "post" and action and not _never(route_of(action) or ""):
                forms.setdefault(form.signature, form)
    for url in reached:
        match = resolve(urlsplit(url).path)
        if match.view_name in SCRIPTED:
            form = Form(url, "post", url)
            for name, options in SCRIPTED[match.view_name].items():
                for option in options:
                    form.add(name, "select", option)
            forms.setdefault(form.signature, form)
    return reached, list(forms.values()), queries


def _short(data: dict) -> str:
    return ", ".join(f"{k}={v!r:.24}" for k, v in data.items())


def _fuzz_form(fuzzer, role, form, refused):
    url = local(form.action)
    route = route_of(urlsplit(url).path) or ""
    budget = _budget(route)
    undo = "delete" in route  # a deleted meeting would leave nothing to fuzz on
    baseline = form.baseline()
    submits = form.submits[:1] or [(None, None)]

    def post(data, label, submit=submits[0]):
        if submit[0]:
            data = {**data, submit[0]: [submit[1]]}
        return fuzzer.send(role, "post", url, data, label=label, undo=undo)

    if post(baseline, "as shown").status_code == 400:
        refused.append(f"{route} as {role.name}")
    names = [n for n in form.fields if n != "csrfmiddlewaretoken"]
    if route.startswith("admin/"):
        for value in budget["sharp"]:
            post({**baseline, **{n: [value] for n in names}}, f"every field={value!r:.24}")
    else:
        for name in names:
            for value in form.fields[name].sharp:
                post({**baseline, name: [value]}, f"{name}={value!r:.24}")
    strategy = st.tuples(mutated(baseline, form.fields), st.sampled_from(form.submits or submits))
    explore(
        strategy,
        lambda drawn: post(drawn[0][1], _short(drawn[0][0]), drawn[1]),
        examples=budget["form"],
    )


def _fuzz_query(fuzzer, role, route, url, names):
    path, names, budget = urlsplit(url).path, sorted(names), _budget(route)

    def get(params: dict):
        fuzzer.send(role, "get", f"{path}?{urlencode(params)}", label=_short(params))

    for value in budget["sharp"]:
        if route.startswith("admin/"):
            get(dict.fromkeys(names, value))
        else:
            for name in names:
                get({name: value})
    strategy = st.dictionaries(st.sampled_from(names), hostile(), min_size=1, max_size=3)
    explore(strategy, get, examples=budget["query"])


def _fuzz_path(fuzzer, roles, route, known, forms):
    """An URL pattern with parameters, filled with the hostile values its converters let
    through, sent by GET and by POST (with the fields of a form sent there, if any)."""
    budget = _budget(route.route)
    sharp = {p: [v for v in budget["sharp"] if route.accepts(p, v)] for p in route.params}
    good = {p: sorted({k[p] for k in known}) for p in route.params}
    values = {
        p: st.one_of([st.from_regex(route.converters[p].regex, fullmatch=True)]
                     + [st.sampled_from(v) for v in (sharp[p], good[p]) if v])
        for p in route.params
    }  # fmt: skip

    def send(role, method, filled):
        data = forms.get((role.name, route.route), {}) if method == "post" else None
        url = route.fill(filled)
        fuzzer.send(role, method, url, data, label=_short(filled), undo=True)

    if not route.route.startswith("admin/"):
        base = known[0] if known else None
        for role in roles:
            for param in route.params:
                for value in sharp[param]:
                    filled = {**(base or dict.fromkeys(route.params, value)), param: value}
                    send(role, "get", filled)
                    send(role, "post", filled)
    strategy = st.tuples(
        st.sampled_from(roles), st.sampled_from(["get", "post"]), st.fixed_dictionaries(values)
    )
    explore(strategy, lambda drawn: send(*drawn), examples=budget["path"] * len(roles))


def test_no_server_error_on_any_input(open_demo, sqlite_run):
    assert connection.vendor == os.environ.get("HLM_FUZZ_DATABASE", "postgresql")
    logging.disable(logging.CRITICAL)  # the errors are listed at the end, one line each
    try:
        _fuzz_everything(open_demo)
    finally:
        logging.disable(logging.NOTSET)
        translation.deactivate()  # the last request's language stays active in this thread


def _fuzz_everything(users):
    roles = [Role("the public", _client())]
    for name, label in (("delegate", "a focal point"), ("staff", "staff")):
        roles.append(Role(label, _client(), users[name]))
        roles[-1].client.force_login(users[name])
    protected = [f"/auth/user/{u.pk}/" for u in users.values()]  # keep the roles' own accounts
    fuzzer, seeds = Fuzzer(), _seeds(users)

    known, forms_by_route, refused = {}, {}, []
    for role in roles:
        fuzzer.stage = "crawl"
        reached, forms, queries = _crawl(fuzzer, role, seeds, protected)
        fuzzer.stage = "forms"
        for form in forms:
            forms_by_route.setdefault((role.name, form.signature[1]), form.baseline())
            _fuzz_form(fuzzer, role, form, refused)
        fuzzer.stage = "queries"
        for route, (url, names) in queries.items():
            if route and not _never(route):
                _fuzz_query(fuzzer, role, route, url, names)
        for url in reached:
            match = resolve(urlsplit(url).path)
            known.setdefault(match.route, []).append(match.kwargs)

    fuzzer.stage = "paths"
    for route in all_routes():
        if route.params and not route.regex and not _never(route.route):
            seen = [
                {p: str(kwargs[p]) for p in route.params}
                for kwargs in known.get(route.route, [])
                if all(p in kwargs for p in route.params)
            ]
            who = roles[2:] if route.route.startswith("admin/") else roles
            _fuzz_path(fuzzer, who, route, seen, forms_by_route)

    print(fuzzer.report())
    print("Forms refused as the page shows them:", ", ".join(refused) or "none")
    assert not fuzzer.failures, fuzzer.report()


def test_no_server_error_on_any_input_on_sqlite(sqlite_run):
    """The embedded default runs on SQLite: the same fuzz test, in a process of its own."""
    process, log = sqlite_run
    try:
        process.wait(timeout=900)
    finally:
        output = log.read_text(errors="replace")
    start = output.find("distinct server errors")  # the list the SQLite run printed
    assert process.returncode == 0, output[max(start - 10, 0) :][:30000] if start >= 0 else output
