from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "twoway.jobs"
    label = "jobs"
    verbose_name = "Jobs and proposals"
