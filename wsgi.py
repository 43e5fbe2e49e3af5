"""The WSGI entry point: ``gunicorn wsgi:app``."""

import threading

from service import create_app
from service.config import SettingError
from service.search import vectors

try:
    app = create_app()
except SettingError as exc:
    # Run without service.gunicorn_config (which checks the settings in gunicorn's master first): gunicorn
    # prints an AppImportError's message alone and stops, instead of restarting workers that cannot boot.
    from gunicorn.errors import AppImportError

    raise AppImportError(f"quotetrace: {exc}") from None
# The sentence model loads beside the first requests, not in the first claim that needs it (a claim the
# words answer never waits for it; one that needs it waits only for what is left of the load).
threading.Thread(target=vectors.warm, name="warm-sentence-model", daemon=True).start()
