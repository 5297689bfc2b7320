"""TODO docstring."""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation

from meetings.enums import ProgrammeKind, RunStatus
from meetings.models import Meeting, ProgrammeRun, ProgrammeVersion
from meetings.pdf import render_pdf
from meetings.programme import (
    checksum_of,
    describe_changes,
    programme_content,
    render_programme_html,
)
from meetings.tasks import generate_programme as generate_programme_task


def generate_programme(
    *, meeting: Meeting, kind: str = ProgrammeKind.PROVISIONAL, language: str = "en", actor=None
) -> tuple[ProgrammeVersion, bool]:
    """Generate the programme; return (version, created).

    Idempotent: the same content gives back the existing version. Concurrent runs on
    the same content create one version (unique checksum per meeting and kind).
    """
    with translation.override(language):
        content = programme_content(meeting=meeting, language=language)
        checksum = checksum_of(content)
        existing = ProgrammeVersion.objects.filter(meeting=meeting, kind=kind, checksum=checksum)
        if existing.exists():
            return existing.get(), False
        with transaction.atomic():
            Meeting.objects.select_for_update().get(pk=meeting.pk)
            # Each language has its own series: the first French version is version 1.
            same_language = meeting.programmes.filter(language=language)
            number = (same_language.aggregate(n=Max("number"))["n"] or 0) + 1
            previous = same_language.order_by("-number").first()
            html = render_programme_html(content, kind=kind, number=number)
            version = ProgrammeVersion(
                meeting=meeting,
                number=number,
                kind=kind,
                language=language,
                checksum=checksum,
                content=content,
                changes=describe_changes(previous.content if previous else None, content),
                generated_by=actor if actor and actor.is_authenticated else None,
            )
            name = f"{meeting.slug}-programme-v{number}-{language}"
            version.html.save(f"{name}.html", ContentFile(html.encode()), save=False)
            version.pdf.save(f"{name}.pdf", ContentFile(render_pdf(html)), save=False)
            try:
                with transaction.atomic():
                    version.save()
            except IntegrityError:
                return existing.get(), False
    return version, True


def run_programme_generation(*, run_id: int) -> ProgrammeRun:
    """Carry out a requested generation and record its outcome on the run."""
    run = ProgrammeRun.objects.select_related("meeting", "requested_by").get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    ProgrammeRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    try:
        version, created = generate_programme(
            meeting=run.meeting, kind=run.kind, language=run.language, actor=run.requested_by
        )
    except Exception as error:
        ProgrammeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    ProgrammeRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, version=version, new_version=created, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def request_programme(*, meeting: Meeting, kind: str, actor, language: str = "en") -> ProgrammeRun:
    """Record a request and queue the generation after commit (a Celery worker renders it)."""
    run = ProgrammeRun.objects.create(
        meeting=meeting, kind=kind, language=language, requested_by=actor
    )
    transaction.on_commit(lambda: generate_programme_task.delay(run_id=run.pk))
    return run
