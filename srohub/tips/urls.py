from django.urls import path

from srohub.tips import public_views, views

app_name = "tips"
urlpatterns = [
    path("", views.tip_list, name="tip-list"),
    path("measures/", views.measures, name="measures"),
    path("<int:pk>/", views.tip_detail, name="tip-detail"),
    path("<int:pk>/acknowledge/", views.tip_acknowledge, name="tip-acknowledge"),
    path("<int:pk>/ask/", views.tip_ask, name="tip-ask"),
    path("<int:pk>/note/", views.tip_note, name="tip-note"),
    path("<int:pk>/dispose/", views.tip_dispose, name="tip-dispose"),
    # Public: the anonymous report and follow-up.
    path("report/", public_views.report_start, name="report-start"),
    path("report/<slug:program>/", public_views.report, name="report"),
    path("follow-up/", public_views.follow_up, name="follow-up"),
]
