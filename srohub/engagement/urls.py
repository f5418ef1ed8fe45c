from django.urls import path

from srohub.engagement import views, views_catalogue, views_library, views_referrals, views_reports

app_name = "engagement"
urlpatterns = [
    path("", views.activity_list, name="activity-list"),
    path("new/", views.activity_new, name="activity-new"),
    path("quick/", views.quick_entry, name="quick"),
    path("quick/repeat/", views.quick_repeat, name="quick-repeat"),
    path("<int:pk>/", views.activity_detail, name="activity-detail"),
    path("<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("<int:pk>/delete/", views.activity_delete, name="activity-delete"),
    path("measures/", views_reports.measures, name="measures"),
    path("measures.csv", views_reports.measures_csv, name="measures-csv"),
    path("schools/<int:pk>/summary/", views_reports.school_summary_page, name="school-summary"),
    path("schools/<int:pk>/summary.csv", views_reports.school_summary_csv, name="school-summary-csv"),
    path("schools/<int:pk>/summary.xlsx", views_reports.school_summary_xlsx, name="school-summary-xlsx"),
    path("library/", views_library.library, name="library"),
    path("library/new/", views_library.material_new, name="material-new"),
    path("library/<int:pk>/edit/", views_library.material_edit, name="material-edit"),
    path("library/<int:pk>/versions/new/", views_library.material_version_new, name="material-version-new"),
    path("referrals/", views_referrals.referral_list, name="referral-list"),
    path("referrals/new/", views_referrals.referral_new, name="referral-new"),
    path("referrals/<int:pk>/", views_referrals.referral_detail, name="referral-detail"),
    path("topics/", views_catalogue.topic_list, name="topic-list"),
    path("topics/new/", views_catalogue.topic_new, name="topic-new"),
    path("topics/<int:pk>/edit/", views_catalogue.topic_edit, name="topic-edit"),
    path("topics/<int:pk>/status/", views_catalogue.topic_status, name="topic-status"),
    path("settings/", views_catalogue.reminder_settings, name="settings"),
]
