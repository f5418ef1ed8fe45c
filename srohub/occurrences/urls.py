from django.urls import path

from srohub.occurrences import views

app_name = "occurrences"
urlpatterns = [
    path("", views.occurrence_list, name="occurrence-list"),
    path("<int:pk>/", views.occurrence_detail, name="occurrence-detail"),
    path("<int:pk>/archive/", views.occurrence_archive, name="occurrence-archive"),
    path("<int:pk>/destroy/", views.occurrence_destroy, name="occurrence-destroy"),
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
