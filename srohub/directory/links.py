"""Where the directory's pages send people after a form: the page of the record just saved."""

from django.urls import reverse

from srohub.directory.models import School


def detail_url(url_name: str):
    """``success_url`` for a form page: the page of the record the service returned."""
    return lambda record: reverse(url_name, args=[record.pk])


def school_url(school: School) -> str:
    return reverse("directory:school-detail", args=[school.pk])
