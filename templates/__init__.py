"""The default mail templates; installed as the package spareforslag_xl.templates (see pyproject.toml)."""
