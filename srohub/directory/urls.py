from django.urls import path

from srohub.directory import views

app_name = "directory"

urlpatterns = [
    # Landing pages, by role.
    path("today/", views.my_schools, name="my-schools"),
    path("unit/", views.unit, name="unit"),
    path("my-school/", views.my_school, name="my-school"),
    path("overview/", views.overview, name="overview"),
    # Schools and their spaces.
    path("schools/", views.school_list, name="school-list"),
    path("schools/new/", views.school_create, name="school-create"),
    path("schools/<int:pk>/", views.school_detail, name="school-detail"),
    path("schools/<int:pk>/edit/", views.school_edit, name="school-edit"),
    path("schools/<int:pk>/sro/", views.school_sro, name="school-sro"),
    path("schools/<int:pk>/spaces/new/", views.space_create, name="space-create"),
    path("spaces/<int:pk>/edit/", views.space_edit, name="space-edit"),
    path("spaces/<int:pk>/delete/", views.space_delete, name="space-delete"),
    # Officers and assignments.
    path("officers/", views.officer_list, name="officer-list"),
    path("officers/new/", views.officer_create, name="officer-create"),
    path("officers/<int:pk>/", views.officer_detail, name="officer-detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer-edit"),
    path("assignments/new/", views.assignment_create, name="assignment-create"),
    path("assignments/<int:pk>/end/", views.assignment_end, name="assignment-end"),
    # Partners and agreements.
    path("partners/", views.organization_list, name="organization-list"),
    path("partners/new/", views.organization_create, name="organization-create"),
    path("agreements/new/", views.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    # Program administration.
    path("import/", views.import_records, name="import"),
    path("import/template/<slug:kind>.csv", views.import_template, name="import-template"),
    path("people/", views.membership_list, name="membership-list"),
    path("people/new/", views.membership_create, name="membership-create"),
]
