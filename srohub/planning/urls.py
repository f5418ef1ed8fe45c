from django.urls import path

from srohub.planning import views, views_plans, views_school, views_setup, views_territory

app_name = "planning"
urlpatterns = [
    path("mine/", views.my_plan, name="my-plan"),
    path("schools/<int:pk>/check-in/", views.check_in, name="check-in"),
    path("check-ins/<int:pk>/check-out/", views.check_out, name="check-out"),
    path("visits/<int:pk>/missed/", views.visit_missed, name="visit-missed"),
    path("feeds/new/", views.feed_create, name="feed-create"),
    path("feeds/<int:pk>/revoke/", views.feed_revoke, name="feed-revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("plans/", views_plans.plan_list, name="plan-list"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/visits.csv", views_plans.plan_export, name="plan-export"),
    path("plans/<int:pk>/publish/", views_plans.plan_publish, name="plan-publish"),
    path("plans/<int:pk>/discard/", views_plans.plan_discard, name="plan-discard"),
    path("territories/", views_territory.territory_list, name="territory-list"),
    path("territories/<int:pk>/", views_territory.territory_detail, name="territory-detail"),
    path("territories/<int:pk>/discard/", views_territory.territory_discard, name="territory-discard"),
    path("calendar/", views_setup.calendar, name="calendar"),
    path("calendar/closures/<int:pk>/delete/", views_setup.closure_delete, name="closure-delete"),
    path("leave/", views_setup.leave, name="leave"),
    path("leave/<int:pk>/delete/", views_setup.leave_delete, name="leave-delete"),
    path("settings/", views_setup.planning_settings, name="settings"),
    path("my-school/", views_school.my_school, name="my-school"),
    path("schools/<int:pk>/", views_school.school_week, name="school-week"),
    path("schools/<int:pk>/preferences/", views_school.school_preferences, name="school-preferences"),
    path("blackouts/<int:pk>/delete/", views_school.blackout_delete, name="blackout-delete"),
]
