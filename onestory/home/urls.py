from django.urls import path

from onestory.home import views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
    path("staying-safe-online/", views.staying_safe_online, name="staying-safe-online"),
    path("exit/", views.exit_page, name="exit"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
