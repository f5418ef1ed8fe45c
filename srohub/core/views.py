"""Cross-cutting pages (the role-based landing page, the health check) and the helpers every app's
server-rendered pages share: permission flags from the same policies the services enforce,
running a service from a form, sorting and paginating lists, HTMX partial responses."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, connection, models
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.http import require_GET

from srohub.core.decorators import public
from srohub.core.errors import Conflict
from srohub.core.roles import Role
from srohub.core.scoping import CHANGE, VIEW, get_for_user, grants_for, program_ids_of
from srohub.core.services import authorize_change

# Where each role lands, most operational first: a person with two roles lands on the busier page.
LANDING_ORDER = [
    (Role.SRO, "directory:my-schools"),
    (Role.SRO_SUPERVISOR, "directory:unit"),
    (Role.SCHOOL_ADMIN, "directory:my-school"),
    (Role.SCHOOL_OFFICE, "directory:my-school"),
    (Role.PROGRAM_ADMIN, "directory:overview"),
    (Role.DIVISION_LEAD, "directory:overview"),
    (Role.EVALUATOR, "directory:overview"),
    (Role.RECORDS_CUSTODIAN, "directory:overview"),
]
PAGE_SIZE = 25
CONCURRENT_WRITE = _("This conflicts with a record saved at the same time. Reload and try again.")


@login_required
def home(request):
    """Send each user to the page their role starts from."""
    roles = {g.role for g in grants_for(request.user)}
    for role, url_name in LANDING_ORDER:
        if role in roles:
            return redirect(url_name)
    return render(request, "core/no_access.html", {"roles": roles})


@public
@require_GET
def health(request):
    """Liveness and database reachability, for load balancers (no data, no login)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# ---------------------------------------------------------------- permissions, for pages


def user_may(user, action: str, model: type[models.Model], *, program_id: int,
             school_id: int | None = None) -> bool:
    """Whether ``user`` may view or change ``model`` records of a program (at a school).

    The same ``Access`` policy the choke point and ``authorize_create`` apply, so a page shows an
    edit button exactly when the service would accept the edit.
    """
    return any(model.access.allows(grant, action, program_id=program_id, school_id=school_id)
               for grant in grants_for(user))


def may_write(user, model: type[models.Model], *, program_id: int, school_id: int | None = None) -> bool:
    return user_may(user, CHANGE, model, program_id=program_id, school_id=school_id)


def may_view(user, model: type[models.Model], *, program_id: int, school_id: int | None = None) -> bool:
    return user_may(user, VIEW, model, program_id=program_id, school_id=school_id)


def may_create_somewhere(user, model: type[models.Model]) -> bool:
    """Whether ``user`` holds, in some program, a role that writes ``model`` records (for "Add" buttons)."""
    return bool(program_ids_of(user, model.access.change))


def require_create_somewhere(user, model: type[models.Model]) -> None:
    """403 on a create page the user may not use (the list page hides its button); the service
    still checks the program and school the form names."""
    if not may_create_somewhere(user, model):
        raise PermissionDenied(_("You may not create this kind of record."))


def require_view_somewhere(user, model: type[models.Model]) -> None:
    """403 on a page of records that none of the user's roles may read (the menu hides its link)."""
    if not program_ids_of(user, model.access.view):
        raise PermissionDenied


def get_for_change(model_or_queryset, user, **lookup):
    """Fetch a record to edit: 404 when the user cannot see it, 403 when they may only read it."""
    instance = get_for_user(model_or_queryset, user, **lookup)
    authorize_change(user, instance)
    return instance


# ---------------------------------------------------------------- forms that call services


def form_data(request):
    """The submitted data on POST, None otherwise (an empty POST must still be validated)."""
    return request.POST if request.method == "POST" else None


def call_service(form, write: Callable[[], object]):
    """Run a service write for a valid form and put its refusals on the form.

    ValidationError becomes field errors, a stale version or a lost race a form error.
    PermissionDenied and Http404 propagate: the user gets 403/404 as everywhere else.
    """
    try:
        return write()
    except ValidationError as exc:
        add_service_errors(form, exc)
    except Conflict as exc:
        form.add_error(None, exc.message)
    except IntegrityError:
        form.add_error(None, CONCURRENT_WRITE)
    return None


def add_service_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, field_messages in exc.message_dict.items():
        # A service may name a field the form does not show (program, school): show it at the top.
        form.add_error(field if field in form.fields else None, field_messages)


def form_page(request, form, write: Callable[[], object], *, success_url: Callable[[object], str],
              success_message: str, template: str = "core/form.html", **context):
    """The whole life of a create/edit page: show the form, call the service, redirect on success.

    ``write`` calls the service with the form's cleaned data and returns the record it wrote.
    """
    if request.method == "POST" and form.is_valid():
        record = call_service(form, write)
        if not form.errors:
            messages.success(request, success_message)
            return redirect(success_url(record))
    return render(request, template, {"form": form, **context})


# ---------------------------------------------------------------- lists


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> Page:
    """One page of ``queryset`` (``?page=``); a bad or too-large page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@dataclass(frozen=True)
class SortColumn:
    """A sortable column header: ``aria_sort`` for assistive technology, ``next`` for the link."""

    key: str
    label: str
    aria_sort: str
    next: str


def sort_by(request, queryset, columns: dict[str, tuple[str, str]], default: str):
    """Order ``queryset`` by ``?sort=key`` or ``?sort=-key`` among ``columns`` (key → (label, field)).

    Only listed keys are accepted, so a crafted value can never order by an arbitrary field.
    Returns the ordered queryset, the sort in force and the column headers.
    """
    requested = request.GET.get("sort", "")
    current = requested if requested.lstrip("-") in columns else default
    descending = current.startswith("-")
    key = current.lstrip("-")
    ordered = queryset.order_by(("-" if descending else "") + columns[key][1], "pk")
    headers = [_sort_column(column, label, current) for column, (label, _field) in columns.items()]
    return ordered, current, headers


def _sort_column(key: str, label: str, current: str) -> SortColumn:
    if current == key:
        return SortColumn(key, label, "ascending", f"-{key}")
    if current == f"-{key}":
        return SortColumn(key, label, "descending", key)
    return SortColumn(key, label, "none", key)


def render_page_or_partial(request, template: str, context: dict, *, partial: str, target: str):
    """The full page, or only ``template#partial`` when HTMX asks to refresh the element ``target``.

    The page works without JavaScript; with it, filtering swaps just the results on a slow phone.
    """
    wants_partial = bool(request.htmx) and request.htmx.target == target
    response = render(request, f"{template}#{partial}" if wants_partial else template, context)
    # The browser must not serve a cached partial as the full page (back button, history).
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def bad_request(request, exception=None):
    """A request Django refused before any view ran (a body over the size limit, a malformed
    header). Under /api/ the client gets JSON saying why — a body too large is 413 — and a page
    elsewhere, as Django's own."""
    if not request.path.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        detail = _("The request is too large (%(mb)s MB at most).") % {"mb": limit_mb}
        return JsonResponse({"detail": str(detail), "code": "too_large"}, status=413)
    return JsonResponse({"detail": str(_("Bad request.")), "code": "bad_request"}, status=400)
