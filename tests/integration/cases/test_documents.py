"""Documents: kept privately, handed out only through a checked view, as attachments."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases import actions
from onestory.cases.choices import Sensitivity
from onestory.cases.models import CaseDocument
from onestory.cases.rules import MAX_DOCUMENT_BYTES
from tests.factories import ShareFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def drain(response) -> bytes:
    """The downloaded bytes, with the file closed. Closing a response also says the request
    has finished, which would close the test's database connection, so that is held off."""
    content = b"".join(response.streaming_content)
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return content


def upload(name="order.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def document(world, case):
    return actions.attach_document(
        case=case, title="Non-molestation order", upload=upload(), by=world.caseworker
    )


def test_it_keeps_the_file_privately_under_a_random_name(document, documents_folder):
    stored = Path(document.file.path)
    assert stored.is_relative_to(documents_folder)
    assert stored.read_bytes() == PDF
    assert "order" not in stored.name
    static_roots = [Path(p) for p in settings.STATICFILES_DIRS]
    assert not any(stored.is_relative_to(root) for root in static_roots)
    assert document.original_name == "order.pdf"
    assert document.content_type == "application/pdf"


def test_there_is_no_public_address_for_documents(document, client):
    assert not settings.MEDIA_URL or settings.MEDIA_URL in ("", "/")
    assert client.get("/" + document.file.name).status_code == 404


def test_it_is_downloaded_as_an_attachment_and_audited(world, as_user, case, document):
    response = as_user(world.caseworker).get(reverse("cases:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="order.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert drain(response) == PDF
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.casedocument", object_id=str(document.pk)
    ).exists()


def test_the_page_attaches_a_document(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:add-document", args=[case.pk])
    assert 'enctype="multipart/form-data"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Letter from the school",
            "upload": upload("letter.pdf"),
            "sensitivity": "agency",
        },
    )
    assert response.status_code == 302
    assert CaseDocument.objects.get().sensitivity == Sensitivity.AGENCY


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "must be a PDF"),
        ("order.pdf", b"<html><script>", "is not what its name says"),
        ("order.pdf", b"", "The selected file is empty"),
        ("big.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "smaller than 10MB"),
    ],
)
def test_it_refuses_files_of_the_wrong_kind_or_size(world, as_user, case, name, content, message):
    response = as_user(world.caseworker).post(
        reverse("cases:add-document", args=[case.pk]),
        {"title": "A file", "upload": upload(name, content), "sensitivity": "standard"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Attach a document – OneStory</title>" in html
    assert message in html
    assert not CaseDocument.objects.exists()


def test_the_action_refuses_a_disguised_file(world, case, documents_folder):
    with pytest.raises(ValidationError):
        actions.attach_document(
            case=case, title="Photo", upload=upload("photo.png", b"%PDF-"), by=world.caseworker
        )
    assert not CaseDocument.objects.exists()
    assert not [path for path in Path(documents_folder).rglob("*") if path.is_file()]


def test_another_agency_gets_not_found(world, as_user, document):
    url = reverse("cases:document", args=[document.pk])
    assert as_user(world.other_caseworker).get(url).status_code == 404


def test_a_full_share_reaches_standard_documents_but_not_agency_only_ones(
    world, as_user, case, document
):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    private = actions.attach_document(
        case=case,
        title="Internal supervision record",
        upload=upload("supervision.pdf"),
        sensitivity=Sensitivity.AGENCY,
        by=world.caseworker,
    )
    client = as_user(world.other_caseworker)
    response = client.get(reverse("cases:document", args=[document.pk]))
    assert response.status_code == 200
    drain(response)
    assert client.get(reverse("cases:document", args=[private.pk])).status_code == 404
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Non-molestation order" in html
    assert "Internal supervision record" not in html


def test_a_missing_file_is_explained_not_an_error(world, as_user, document):
    Path(document.file.path).unlink()
    response = as_user(world.caseworker).get(reverse("cases:document", args=[document.pk]))
    assert response.status_code == 410
    assert "can no longer be found" in response.content.decode()
