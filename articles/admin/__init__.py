"""The editorial admin, one file for each thing an editor sees.

- ``article``: the article admin itself (change list, change form, who sees what,
  saving with the version check), built from the mixins below;
- ``filters``: the change list's filters; ``actions``: bulk transitions;
- ``workflow_panel``: the change form's panel of transition buttons;
- ``history``: history, diffs and restore; ``previews``: previews and sharing;
- ``trash``: deleting is trashing, and restoring; ``import_page``: importing;
- ``dashboard``: what the admin index shows; ``people``: programs and journalists;
- ``notes``: internal notes; ``autosave``: what was typed and not saved yet;
- ``planning``: assignments and the planning page of today and tomorrow;
- ``display``: the status badge, list columns and read-only fields;
- ``changelist``: search and counts of the change list; ``editor``: the body editor;
- ``forms``, ``conflicts``, ``pages``: what those share.

The transitions themselves, and the table the buttons and actions are built
from, are in ``articles.workflow``; the content fields in ``articles.content``.
"""

from articles.admin import article, people, planning  # noqa: F401  (registers the ModelAdmins)
