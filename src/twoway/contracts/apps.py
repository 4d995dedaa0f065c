from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "twoway.contracts"
    label = "contracts"
    verbose_name = "Contracts and payments"
