from django.urls import path

from srohub.occurrences import views, views_records

app_name = "occurrences"
urlpatterns = [
    path("", views.occurrence_list, name="occurrence-list"),
    path("new/", views_records.occurrence_create, name="occurrence-create"),
    path("<int:pk>/", views.occurrence_detail, name="occurrence-detail"),
    path("<int:pk>/edit/", views_records.occurrence_edit, name="occurrence-edit"),
    path("<int:pk>/people/add/", views_records.involvement_add, name="involvement-add"),
    path("<int:pk>/disclose/", views_records.disclosure_create, name="disclosure-create"),
    path("<int:pk>/attachments/add/", views_records.attachment_add, name="attachment-add"),
    path("<int:pk>/archive/", views.occurrence_archive, name="occurrence-archive"),
    path("<int:pk>/destroy/", views.occurrence_destroy, name="occurrence-destroy"),
    path("involvements/<int:pk>/outcome/", views_records.outcome_record, name="outcome-record"),
    path("involvements/<int:pk>/contact/", views_records.parental_contact, name="parental-contact"),
    path("involvements/<int:pk>/guardians/add/", views_records.guardian_add, name="guardian-add"),
    path("guardians/<int:pk>/edit/", views_records.guardian_edit, name="guardian-edit"),
    path("notices/<int:pk>/given/", views_records.notice_given, name="notice-given"),
    path("attachments/<int:pk>/", views_records.attachment_download, name="attachment-download"),
    path("report/", views.report_intake, name="report"),
    path("counts/", views.counts, name="counts"),
    path("counts.csv", views.counts_csv_export, name="counts-csv"),
    path("counts.pdf", views.counts_pdf_export, name="counts-pdf"),
    path("disclosures/", views.disclosure_list, name="disclosure-list"),
    path("disclosures/<int:pk>/", views.disclosure_detail, name="disclosure-detail"),
    path(
        "disclosures/<int:pk>/confirm-destroyed/",
        views.disclosure_confirm_destroyed,
        name="disclosure-confirm-destroyed",
    ),
]
