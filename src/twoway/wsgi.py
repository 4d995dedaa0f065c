import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twoway.settings")

application = get_wsgi_application()

# The theme tagger loads its model when first imported (about 1.5 s). Loading it here, before
# gunicorn forks its workers (`serve` preloads the app), means once per server instead of once
# per worker on its first feedback submission — which kept the first submissions after every
# start or restart waiting for seconds.
import twoway.reputation.themes  # noqa: E402, F401
