"""The WSGI entry point that gunicorn serves (`clinicbot.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinicbot.settings")

application = get_wsgi_application()
