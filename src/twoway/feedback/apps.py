from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "twoway.feedback"
    label = "feedback"
    verbose_name = "Feedback and moderation"
