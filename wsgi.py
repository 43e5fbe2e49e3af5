"""The WSGI entry point: ``gunicorn wsgi:app``."""

import threading

from service import create_app
from service.search import vectors

app = create_app()
# The sentence model loads beside the first requests, not in the first claim that needs it (a claim the
# words answer never waits for it; one that needs it waits only for what is left of the load).
threading.Thread(target=vectors.warm, name="warm-sentence-model", daemon=True).start()
