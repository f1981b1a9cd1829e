"""The rules of poptui: screens and the command line call these, never the store directly.

Screens pass :class:`Database` (the app's ``database``) to every service and catch the
errors named here; each error's ``str()`` is a Dutch sentence to show the coach:

- :class:`StoreError`: anything the store refused or could not do (base of the others, and
  of the services' own refusals such as ``pop_documents.PopIsFinal``);
- :class:`NotFound`: the record is gone (someone else deleted it);
- :class:`VersionConflict`: someone else saved the record since it was loaded;
- :class:`ConsentRequired`: special-category fields without the employee's consent (§4.4.1).

``pydantic.ValidationError`` is raised by the models for wrong input; forms turn it into
messages per field (:func:`poptui.models.errors.field_errors`). :func:`expect_versions`
makes every save in its block check the version a form loaded.
"""

from poptui.store import ConsentRequired, Database, NotFound, StoreError, VersionConflict, expect_versions

__all__ = ["ConsentRequired", "Database", "NotFound", "StoreError", "VersionConflict", "expect_versions"]
