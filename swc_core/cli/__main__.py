"""``python -m swc_core.cli``: the ``swc`` command (the tests start ``swc serve`` this way)."""

import sys

from . import main

sys.exit(main())
