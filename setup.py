"""Build of the optional compiled modules: the pkuseg decoder (``bulletin_nlp/segment/_decoder.pyx``),
the string index (``_intmap.pyx``), a Doc's token bounds (``_bounds.pyx``), the words aligned with the
text's whitespace (``_align.pyx``), the topic classifier's
decision (``bulletin_nlp/topics/_decision.pyx``), the character fold (``bulletin_nlp/text/_fold.pyx``)
and the PDF reader's character loop (``bulletin_nlp/readers/_pdfchars.pyx``).

Everything else is declared in pyproject.toml. The extensions are ``optional``: where one cannot
be compiled the install goes on and ``bulletin_nlp.segment`` uses its numpy code.
The shipped models (``models/``) go into the wheel as ``bulletin_nlp/models``.
"""

from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

try:
    from Cython.Build import cythonize
except ImportError:  # no Cython: build from the generated C file if there is one, else skip
    cythonize = None

ROOT = Path(__file__).resolve().parent
PYX = ("bulletin_nlp/segment/_decoder.pyx", "bulletin_nlp/segment/_intmap.pyx", "bulletin_nlp/segment/_bounds.pyx",
       "bulletin_nlp/segment/_align.pyx",
       "bulletin_nlp/topics/_decision.pyx", "bulletin_nlp/text/_fold.pyx", "bulletin_nlp/readers/_pdfchars.pyx")


def extensions() -> list[Extension]:
    built: list[Extension] = []
    for pyx in PYX:
        name = pyx.removesuffix(".pyx").replace("/", ".")
        if cythonize is not None:
            built += cythonize([Extension(name, [pyx])], compiler_directives={"language_level": "3"})
        elif (ROOT / pyx).with_suffix(".c").exists():
            built.append(Extension(name, [str(Path(pyx).with_suffix(".c"))]))
    for extension in built:
        extension.optional = True  # cythonize does not carry the flag over
    return built


class BuildWithModels(build_py):
    """Copy ``models/`` into the built package as ``bulletin_nlp/models``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install finds models/ beside the package (resources.model_path)
        target = Path(self.build_lib) / "bulletin_nlp" / "models"
        self.copy_tree(str(ROOT / "models"), str(target))


setup(ext_modules=extensions(), cmdclass={"build_py": BuildWithModels})
