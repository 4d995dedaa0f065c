from django.apps import AppConfig


class ReputationConfig(AppConfig):
    name = "twoway.reputation"
    label = "reputation"
    verbose_name = "Reputation"
