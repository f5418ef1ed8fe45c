from django.contrib.auth import views as auth_views
from django.urls import include, path

from srohub.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.health, name="health"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("srohub.api_urls")),
    path("", include("srohub.directory.urls")),
    path("audit/", include("srohub.audit.urls")),
    path("plan/", include("srohub.planning.urls")),
    path("activities/", include("srohub.engagement.urls")),
    path("occurrences/", include("srohub.occurrences.urls")),
    path("tips/", include("srohub.tips.urls")),
    path("drills/", include("srohub.drills.urls")),
]

handler400 = core_views.bad_request
