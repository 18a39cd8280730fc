from django.urls import path

from . import views

app_name = "filings"

urlpatterns = [
    path("filings/", views.order_list, name="orders"),
    path("filings/new/", views.wizard_domain, name="new"),
    path("filings/new/app/", views.wizard_app, name="new_app"),
    path("filings/new/product/", views.wizard_product, name="new_product"),
    path("filings/new/details/", views.wizard_details, name="new_details"),
    path("filings/new/confirm/", views.wizard_confirm, name="new_confirm"),
    path("filings/new/cancel/", views.wizard_cancel, name="new_cancel"),
    path("filings/transfer-in/", views.transfer_in, name="transfer_in"),
    path("filings/claim/", views.claim, name="claim"),
    path("filings/<int:order_id>/", views.order_detail, name="detail"),
    path("filings/<int:order_id>/submit/", views.order_submit, name="submit"),
    path("filings/<int:order_id>/modify/", views.order_modify, name="modify"),
    path("filings/<int:order_id>/documents/", views.order_document_upload, name="document_upload"),
    path("filings/<int:order_id>/documents/<slug:kind>/", views.order_document, name="document"),
    path("filings/<int:order_id>/abandon/", views.order_abandon, name="abandon"),
    path("filings/<int:order_id>/verification/", views.order_verification, name="verification"),
    path("filings/<int:order_id>/verify-sms/", views.order_verify_sms, name="verify_sms"),
    path("filings/<int:order_id>/resend-sms/", views.order_resend_sms, name="resend_sms"),
    path("filings/<int:order_id>/code-authorization/", views.order_code_auth_send, name="code_auth_send"),
    path(
        "filings/<int:order_id>/confirm-code-authorization/",
        views.order_code_auth_confirm,
        name="code_auth_confirm",
    ),
    path("subjects/", views.subjects, name="subjects"),
    path("subjects/<int:subject_id>/<slug:action>/", views.subject_action, name="subject_action"),
    path(
        "websites/<int:website_id>/public-security-filing/",
        views.website_public_security,
        name="website_public_security",
    ),
    path("websites/<int:website_id>/<slug:action>/", views.website_action, name="website_action"),
    path("inbox/", views.inbox, name="inbox"),
    # Staff: the review workbench (SPEC 3.10)
    path("icp/review/", views.review_queue, name="review_queue"),
    path("icp/review/<int:order_id>/", views.review_detail, name="review_detail"),
]
