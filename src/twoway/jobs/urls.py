from django.urls import path

from twoway.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.board, name="board"),
    path("jobs/new/", views.job_new, name="new"),
    path("jobs/<int:job_id>/", views.job_detail, name="detail"),
    path("jobs/<int:job_id>/close/", views.job_close, name="close"),
    path("jobs/<int:job_id>/proposals/", views.proposal_submit, name="propose"),
    path("proposals/<int:proposal_id>/decline/", views.proposal_decline, name="decline"),
    path("proposals/<int:proposal_id>/withdraw/", views.proposal_withdraw, name="withdraw"),
    path("my/jobs/", views.my_jobs, name="mine"),
    path("my/proposals/", views.my_proposals, name="my_proposals"),
]
