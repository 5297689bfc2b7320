import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
API = "/api/v1"
DEMO_2017 = "trafficking-in-persons-2017"
DEMO_2021 = "trafficking-in-persons-2021"


def folded(text: str) -> str:
    """Text with markup, emphasis marks and runs of white space removed, for comparisons."""
    text = re.sub(r"<[^>]+>", " ", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def seed_002() -> str:
    return folded(next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_004_lines() -> list[str]:
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    return [folded(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_004(seed_004_lines) -> str:
    return " ".join(seed_004_lines)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request in French leaves French active in the thread: later fixtures must not inherit it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
