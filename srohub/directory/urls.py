from django.urls import path

from srohub.directory import views, views_admin, views_officers, views_schools

app_name = "directory"

urlpatterns = [
    # Landing pages, by role.
    path("today/", views.my_schools, name="my-schools"),
    path("unit/", views.unit, name="unit"),
    path("my-school/", views.my_school, name="my-school"),
    path("overview/", views.overview, name="overview"),
    # Schools and their spaces.
    path("schools/", views_schools.school_list, name="school-list"),
    path("schools/new/", views_schools.school_create, name="school-create"),
    path("schools/<int:pk>/", views_schools.school_detail, name="school-detail"),
    path("schools/<int:pk>/edit/", views_schools.school_edit, name="school-edit"),
    path("schools/<int:pk>/sro/", views_schools.school_sro, name="school-sro"),
    path("schools/<int:pk>/spaces/new/", views_schools.space_create, name="space-create"),
    path("spaces/<int:pk>/edit/", views_schools.space_edit, name="space-edit"),
    path("spaces/<int:pk>/delete/", views_schools.space_delete, name="space-delete"),
    # Officers and assignments.
    path("officers/", views_officers.officer_list, name="officer-list"),
    path("officers/new/", views_officers.officer_create, name="officer-create"),
    path("officers/<int:pk>/", views_officers.officer_detail, name="officer-detail"),
    path("officers/<int:pk>/edit/", views_officers.officer_edit, name="officer-edit"),
    path("assignments/new/", views_officers.assignment_create, name="assignment-create"),
    path("assignments/<int:pk>/end/", views_officers.assignment_end, name="assignment-end"),
    # Partners and agreements.
    path("partners/", views_admin.organization_list, name="organization-list"),
    path("partners/new/", views_admin.organization_create, name="organization-create"),
    path("agreements/new/", views_admin.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", views_admin.agreement_detail, name="agreement-detail"),
    # Program administration.
    path("import/", views_admin.import_records, name="import"),
    path("import/template/<slug:kind>.csv", views_admin.import_template, name="import-template"),
    path("people/", views_admin.membership_list, name="membership-list"),
    path("people/new/", views_admin.membership_create, name="membership-create"),
]
