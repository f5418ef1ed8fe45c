"""Web pages of the presentation library: the materials with their versions, the grades they suit,
who reviewed them for the division and how often each was delivered; adding one, correcting one
(with its versions listed and a new one a click away), adding a version."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import program_ids_of
from srohub.core.views import (
    form_data,
    form_page,
    get_for_change,
    may_create_somewhere,
    require_create_somewhere,
    require_view_somewhere,
)
from srohub.engagement import services
from srohub.engagement.forms import MaterialForm, MaterialVersionForm
from srohub.engagement.models import LIBRARY_WRITERS, Activity, Material, Topic


@login_required
def library(request):
    """The presentation library: grades, review, versions and how often each was delivered."""
    require_view_somewhere(request.user, Material)
    materials = list(
        Material.objects.visible_to(request.user)
        .select_related("topic", "division")
        .prefetch_related("versions")
    )
    delivered = deliveries_by_version([m.pk for m in materials])
    for material in materials:
        for version in material.versions.all():
            version.times_delivered = delivered.get(version.pk, 0)
        material.times_delivered = sum(v.times_delivered for v in material.versions.all())
    context = {
        "materials": materials,
        "may_add": may_create_somewhere(request.user, Material),
        "may_change_topics": may_create_somewhere(request.user, Topic),
    }
    return render(request, "engagement/library.html", context)


def deliveries_by_version(material_ids) -> dict[int, int]:
    """How many activities delivered each version of these presentations: ONE aggregate query over
    the activities' ``material_version`` index (an index-only count, not a join of every activity)."""
    rows = (
        Activity.objects.filter(material_version__isnull=False, material_version__material_id__in=material_ids)
        .values("material_version_id")
        .annotate(n=Count("*"))  # COUNT(*): answerable from the index alone
        .order_by()
    )
    return {row["material_version_id"]: row["n"] for row in rows}


@login_required
def material_new(request):
    """Add a presentation to the library."""
    require_create_somewhere(request.user, Material)
    programs = program_ids_of(request.user, LIBRARY_WRITERS)
    form = MaterialForm(form_data(request), user=request.user, programs=programs)

    def write():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return services.material_create(actor=request.user, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda _material: reverse("engagement:library"),
        success_message=_("Presentation added to the library."),
        heading=_("Add a presentation"),
        cancel_url=reverse("engagement:library"),
    )


@login_required
@scoped_to(Material)
def material_edit(request, pk):
    """Correct a presentation of the library (404 out of scope, 403 for readers only); its versions
    are listed under the form, with the link to add one."""
    material = get_for_change(Material.objects.prefetch_related("versions"), request.user, pk=pk)
    form = MaterialForm(form_data(request), user=request.user, programs={material.program_id}, material=material)

    def write():
        return services.material_update(
            actor=request.user, material=material, changes=form.changes(), expected_version=form.expected_version
        )

    return form_page(
        request,
        form,
        write,
        success_url=lambda _material: reverse("engagement:library"),
        success_message=_("Presentation saved."),
        template="engagement/material_edit.html",
        heading=_("Edit %(title)s") % {"title": material.title},
        cancel_url=reverse("engagement:library"),
        material=material,
    )


@login_required
@scoped_to(Material)
def material_version_new(request, pk):
    """Record a new version of a presentation (404 out of scope, 403 for readers only)."""
    material = get_for_change(Material, request.user, pk=pk)
    form = MaterialVersionForm(form_data(request))

    def write():
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return services.material_version_add(actor=request.user, material=material, **data)

    return form_page(
        request,
        form,
        write,
        success_url=lambda _version: reverse("engagement:library"),
        success_message=_("Version added."),
        heading=_("New version of %(title)s") % {"title": material.title},
        cancel_url=reverse("engagement:library"),
    )
