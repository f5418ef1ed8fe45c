from django.urls import path

from srohub.drills import views, views_actions, views_compliance, views_rules

app_name = "drills"
urlpatterns = [
    path("", views.drill_list, name="drill-list"),
    path("new/", views.drill_schedule, name="drill-schedule"),
    path("<int:pk>/", views.drill_detail, name="drill-detail"),
    path("<int:pk>/start/", views.drill_start, name="drill-start"),
    path("<int:pk>/all-clear/", views.drill_all_clear, name="drill-all-clear"),
    path("<int:pk>/debrief/", views.drill_debrief, name="drill-debrief"),
    path("<int:pk>/sweep/", views.drill_sweep, name="drill-sweep"),
    path("<int:pk>/report.pdf", views.drill_report, name="drill-report"),
    path("<int:pk>/actions/new/", views_actions.action_create, name="action-create"),
    path("actions/", views_actions.action_list, name="action-list"),
    path("actions/<int:pk>/edit/", views_actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/close/", views_actions.action_close, name="action-close"),
    path("rules/", views_rules.rule_list, name="rule-list"),
    path("rules/new/", views_rules.rule_create, name="rule-create"),
    path("rules/<int:pk>/", views_rules.rule_detail, name="rule-detail"),
    path("rules/<int:pk>/edit/", views_rules.rule_edit, name="rule-edit"),
    path("rules/<int:pk>/requirements/new/", views_rules.requirement_add, name="requirement-add"),
    path("rules/requirements/<int:pk>/edit/", views_rules.requirement_edit, name="requirement-edit"),
    path("compliance/", views_compliance.compliance_table, name="compliance"),
    path("compliance/schools/<int:pk>/", views_compliance.school_compliance, name="school-compliance"),
]
