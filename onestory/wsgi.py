"""The WSGI entry point for application servers.

In production mode the server will not start when its database role could change or switch
off the audit log (a superuser, or the audit table's owner): see
``onestory.audit.database_roles``.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onestory.settings")
application = get_wsgi_application()

if settings.PRODUCTION:
    from django.db import connection

    from onestory.audit.database_roles import refuse_an_unsafe_role

    try:
        refuse_an_unsafe_role()
    finally:
        connection.close()
