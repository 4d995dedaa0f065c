from django.urls import path

from twoway.contracts import views

app_name = "contracts"

urlpatterns = [
    path("proposals/<int:proposal_id>/hire/", views.hire, name="hire"),
    path("contracts/", views.contract_list, name="list"),
    path("contracts/<int:contract_id>/", views.contract_detail, name="detail"),
    path("contracts/<int:contract_id>/payments/", views.payment_record, name="pay"),
    path("contracts/<int:contract_id>/end/", views.contract_end, name="end"),
]
