"""swc_core: the shared library behind the workbook of "Regisseur van de Samenwerking"."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("swc-workbook")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
