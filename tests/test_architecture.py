"""The layout rules of the README's architecture section, checked over the source tree.

Imports flow one way (``meetings`` is the base; ``speakers`` builds on it; ``stakeholders``
on both; the settings import no app), no module imports itself back through others at import
time, PDF is rendered in one place, errors are joined in one place and no code file grows
past 500 lines.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("meetings", "speakers", "stakeholders", "hlm_portal")
#: What each top-level package may import from the project (besides itself).
ALLOWED = {
    "meetings": set(),
    "speakers": {"meetings"},
    "stakeholders": {"meetings", "speakers"},
    "hlm_portal": {"meetings", "speakers", "stakeholders"},
}
#: Where an import inside a function body is the rule: Celery entry points load the domain
#: when they run, and ``AppConfig.ready`` plugs an app into the ones below it.
DEFERRED_IMPORTS_ALLOWED = ("tasks.py", "apps.py")


def source_files(*folders: str, include_tests=False):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level?) for every import of the project in ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            # "from meetings.services import outbox" imports the module meetings.services.outbox
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists():
                    names.append(candidate)
        else:
            continue
        for name in names:
            if name.split(".")[0] in APPS:
                found.append((name, id(node) in top_level))
    return found


def test_imports_flow_one_way():
    wrong = []
    for path in source_files(*APPS):
        app = module_name(path).split(".")[0]
        for name, _at_top in imports_of(path):
            other = name.split(".")[0]
            if other != app and other not in ALLOWED[app]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_settings_import_no_app():
    for path in (ROOT / "hlm_portal").glob("settings*.py"):
        assert [name for name, _ in imports_of(path) if not name.startswith("hlm_portal")] == []


def test_no_import_cycle_at_import_time():
    modules = {module_name(path): path for path in source_files(*APPS)}
    graph = {
        name: {
            target
            for target, at_top in imports_of(path)
            if at_top and target in modules and target != name
        }
        for name, path in modules.items()
    }
    # A package's __init__ importing its own submodules is how packages re-export: not a cycle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(stack[stack.index(target) :] + [target]))
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_project_imports_inside_functions_only_where_deferred_by_design():
    wrong = []
    for path in source_files(*APPS):
        if path.name in DEFERRED_IMPORTS_ALLOWED:
            continue
        wrong += [
            f"{path.relative_to(ROOT)}: {name}" for name, at_top in imports_of(path) if not at_top
        ]
    assert wrong == []


def test_pdf_is_rendered_in_one_place():
    renderers = [
        str(path.relative_to(ROOT))
        for path in source_files(*APPS, "bench")
        if "weasyprint" in path.read_text()
    ]
    assert renderers == ["meetings/pdf.py"]


def test_error_messages_are_joined_in_one_place():
    joining = [
        str(path.relative_to(ROOT))
        for path in source_files(*APPS)
        if re.search(r"\.join\((getattr\()?\w+[.,] ?\"?messages", path.read_text())
    ]
    assert joining == ["meetings/feedback.py"]


@pytest.mark.parametrize("folder", [*APPS, "bench", "tests", "scripts"])
def test_no_code_file_over_500_lines(folder):
    long = {
        str(path.relative_to(ROOT)): count
        for path in source_files(folder)
        if (count := len(path.read_text().splitlines())) > 500
    }
    assert long == {}


def test_deferred_imports_name_what_exists():
    """What tasks and app configs import when they run is there (a move cannot strand them)."""
    import importlib
    import importlib.util

    missing = []
    for path in source_files(*APPS):
        if path.name not in DEFERRED_IMPORTS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] in APPS:
                module = importlib.import_module(node.module)
                missing += [
                    f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if not hasattr(module, alias.name)
                    and importlib.util.find_spec(f"{node.module}.{alias.name}") is None
                ]
    assert missing == []
