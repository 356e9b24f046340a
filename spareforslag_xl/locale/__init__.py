"""The gettext catalogues (data only): da/LC_MESSAGES/spareforslag.po and its compiled .mo."""
