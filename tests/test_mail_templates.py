"""The default mail templates are package data: found in a plain install, not only in a checkout."""

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from spareforslag_xl.render.mailtext import TEMPLATE_NAMES, packaged_template

REPO = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "spareforslag_xl").rglob("__init__.py")}
    assert found | {"spareforslag_xl.templates"} == listed


def test_the_default_templates_are_the_repositorys_templates_folder():
    for name in TEMPLATE_NAMES:
        assert packaged_template(name) == (REPO / "templates" / name).read_text(encoding="utf-8")
    assert packaged_template("nope.txt") is None


def _build_tools_present() -> bool:
    from importlib import metadata

    try:
        major = int(metadata.version("setuptools").split(".")[0])
        metadata.version("wheel")
    except metadata.PackageNotFoundError:
        return False
    return major >= 68


@pytest.mark.slow
def test_a_plain_install_renders_the_templates_outside_the_checkout(tmp_path, master):
    """Build a wheel from a copy of the sources, install it into a new venv and mail from elsewhere."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.cfg", "README.md"):
        shutil.copy(REPO / name, source / name)
    for folder in ("spareforslag_xl", "templates"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp_path / "wheels"
    # Without PYTHONPATH: a checkout on it would look like an installed spareforslag-xl to pip.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # Offline when this environment has the build tools; else pip fetches them (build isolation).
    isolation = ["--no-build-isolation"] if _build_tools_present() else []
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "-w", str(wheels),
                    str(source)], check=True, capture_output=True, timeout=600, env=env)
    [wheel] = wheels.glob("*.whl")
    # build/ is the report's folder: setuptools builds elsewhere, so no stale package copy lands in it.
    assert not (source / "build").exists()
    assert (source / ".setuptools-build").is_dir()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300, env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300, env=env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    path = master(name="plan.xlsx")
    # -I: neither the checkout nor PYTHONPATH is on sys.path. The dependencies (jinja2, click …)
    # come from this test's environment, appended after the new venv's own site-packages.
    script = (
        "import sys\n"
        f"sys.path.append({sysconfig.get_paths()['purelib']!r})\n"
        "import spareforslag_xl\n"
        f"assert spareforslag_xl.__file__.startswith({str(venv)!r}), spareforslag_xl.__file__\n"
        "from importlib import resources\n"
        "print(resources.files('spareforslag_xl.templates'))\n"
        "from spareforslag_xl.cli.main import cli\n"
        f"cli(['mail', {str(path)!r}, '-o', 'out', '--only', 'MSB'], standalone_mode=False)\n"
    )
    done = subprocess.run([str(python), "-I", "-c", script], cwd=elsewhere, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    templates = Path(done.stdout.splitlines()[0])
    assert templates.is_relative_to(venv) and templates.name == "templates"
    assert sorted(p.name for p in templates.iterdir() if p.suffix != ".pyc" and p.is_file()) == \
        ["__init__.py", "body.html", "body.txt", "subject.txt"]
    eml = (elsewhere / "out" / "mails" / "MSB.eml").read_bytes()
    assert b"Subject: Spareforslag til Budget 2024: MSB" in eml


def test_a_missing_default_template_is_named(monkeypatch):
    from spareforslag_xl.model.errors import InputError
    from spareforslag_xl.render import mailtext

    monkeypatch.setattr(mailtext, "packaged_template", lambda name: None)
    with pytest.raises(InputError) as info:
        mailtext.render_mail(mailtext.template_environment(), {})
    assert str(info.value) == ("subject.txt: the template is neither in the --templates folder nor installed with "
                               "spareforslag-xl. Reinstall spareforslag-xl, or add the template to your folder.")
