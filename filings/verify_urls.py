"""The authenticity verification link's page on the simulated phone, mounted at /verify/ (no log-in:
the single-use token in the link is the proof, SPEC 3.12)."""

from django.urls import path

from .views.verification import verification_camera

app_name = "verification"

urlpatterns = [
    path("<str:token>/", verification_camera, name="camera"),
]
