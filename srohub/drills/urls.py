from django.urls import path

from srohub.drills import views, views_compliance

app_name = "drills"
urlpatterns = [
    path("", views.drill_list, name="drill-list"),
    path("new/", views.drill_schedule, name="drill-schedule"),
    path("<int:pk>/", views.drill_detail, name="drill-detail"),
    path("<int:pk>/start/", views.drill_start, name="drill-start"),
    path("<int:pk>/all-clear/", views.drill_all_clear, name="drill-all-clear"),
    path("<int:pk>/debrief/", views.drill_debrief, name="drill-debrief"),
    path("<int:pk>/sweep/", views.drill_sweep, name="drill-sweep"),
    path("compliance/", views_compliance.compliance_table, name="compliance"),
    path("compliance/schools/<int:pk>/", views_compliance.school_compliance, name="school-compliance"),
]
