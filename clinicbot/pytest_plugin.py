"""A pytest plugin, loaded with `-p` before pytest-django reads the settings, that switches on
development mode for the test run (the settings refuse to start without it or a secret key)."""

import os

os.environ["DJANGO_DEBUG"] = "1"
